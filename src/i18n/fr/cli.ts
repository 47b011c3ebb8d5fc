// What the `coaching-bot` command prints.
import type { OutboxKind } from '../../core/messages.ts';

const WAIT_HELP = `  --wait DURÉE  attend (5m par défaut ; 30s, 5m, 1h…) que chaque message soit remis ou refusé définitivement, en
                le renvoyant à l’heure dite après un refus passager (limite de débit) ; code 0 si tout est remis, sinon 1
                avec chaque message non remis, son destinataire et la raison.
  --no-wait     n’attend pas : les messages en attente de nouvel essai partiront avec le bot en marche
                (coaching-bot start) ; code 0.`;

import { agree, count } from '../plural.ts';
export const cli = {
  help: `coaching-bot — suivi du programme Startups de Territoire

Utilisation : coaching-bot <commande> [options]

Commandes :
  start                        migre la base, démarre le serveur HTTP, les plateformes et le planificateur
  migrate                      applique les migrations de la base
  check [FICHIER]              vérifie un fichier de programme (toutes les erreurs, avec leur emplacement)
  prompt [--week AAAA-Www]     envoie maintenant le point hebdomadaire (sans doublon)
  remind [--week AAAA-Www]     envoie maintenant les rappels (sans doublon)
  evaluate [--week AAAA-Www]   évalue la semaine et envoie les alertes et la synthèse (sans doublon)
                               ces trois-là attendent que chaque message soit remis (--wait DURÉE, 5m par défaut)
                               ou laissent les nouveaux essais au bot en marche (--no-wait)
  report [--from W] [--to W] [--format table|csv|json|xlsx] [--output FICHIER]
                               le tableau de conformité, sur la sortie standard ou dans FICHIER
  status                       l’état des phases, comme /phase
  pack [--project ID] [--with-notes] --output FICHIER.pdf
                               le dossier du comité stratégique en PDF (tous les projets, ou un seul)
  export --person ID [--output FICHIER]
                               toutes les données enregistrées sur une personne, en JSON (droit d’accès)
  erase --person ID [--yes]    efface les données d’une personne (commentaires et notes supprimés, le reste anonymisé)
  backup FICHIER               copie cohérente de la base, même pendant que le bot tourne

Options : --help pour l’aide d’une commande.
Environnement : PROGRAMME_FILE, DATABASE_URL, HOST, PORT, SLACK_*, MATTERMOST_*, SMTP_URL, MAIL_FROM, SMTP_RATE, PUBLIC_URL, SANDBOX, DASHBOARD_SECRET, LOG_LEVEL (voir le README).`,
  verbHelp: {
    start:
      'coaching-bot start\n  Migre la base, synchronise le fichier de programme, démarre le serveur HTTP (HOST:PORT), les plateformes configurées et le planificateur (avec rattrapage des envois manqués).',
    migrate:
      'coaching-bot migrate\n  Crée ou met à jour la base que désigne DATABASE_URL : un fichier SQLite (par défaut file:./data/coaching-bot.db) ou une base PostgreSQL (postgres://…), une seule fois quel que soit le nombre d’instances qui démarrent ensemble.',
    check:
      'coaching-bot check [FICHIER]\n  Vérifie le fichier de programme (par défaut PROGRAMME_FILE, programme.yml ou l’exemple fourni). Code 0 s’il est valide, 1 sinon, avec chaque erreur et son emplacement.',
    prompt: `coaching-bot prompt [--week AAAA-Www] [--wait DURÉE | --no-wait]
  Envoie le point hebdomadaire de la semaine (par défaut la semaine en cours, jamais une semaine pas encore commencée) à chaque intrapreneur qui ne l’a pas déjà reçu.
${WAIT_HELP}`,
    remind: `coaching-bot remind [--week AAAA-Www] [--wait DURÉE | --no-wait]
  Envoie un rappel à ceux qui n’ont pas répondu (par défaut pour la semaine précédente, jamais une semaine pas finie).
${WAIT_HELP}`,
    evaluate: `coaching-bot evaluate [--week AAAA-Www] [--wait DURÉE | --no-wait]
  Évalue la semaine (par défaut la précédente, jamais une semaine pas finie), envoie les alertes dues et la synthèse aux responsables.
${WAIT_HELP}`,
    report:
      'coaching-bot report [--from AAAA-Www] [--to AAAA-Www] [--format table|csv|json|xlsx] [--output FICHIER]\n  Le tableau de conformité : par intrapreneur et par semaine, jours libérés, point de coaching, alertes. En CSV, colonnes séparées par « ; » en français (« , » en anglais) ; xlsx demande --output.',
    status:
      'coaching-bot status\n  Les cinq phases avec leurs dates, la phase en cours, les projets et la conformité de la dernière semaine.',
    pack: 'coaching-bot pack [--project ID] [--with-notes] --output FICHIER.pdf\n  Écrit le dossier du comité stratégique en PDF : pour chaque projet (ou le seul projet ID, identifiant ou nom), son problème, ses intrapreneurs, manager et coach, et sur toute la pré-incubation les semaines interrogées, les jours libérés semaine par semaine, les semaines exemptées, les alertes, les points de coaching et les séances du coach. Les notes des coachs n’y figurent qu’avec --with-notes, et le dossier le dit en première page.',
    export:
      'coaching-bot export --person ID [--output FICHIER]\n  Écrit en JSON lisible tout ce que le bot conserve sur la personne dans ce programme : fiche, rôles, réponses et commentaires, points de coaching et notes, alertes, messages. Sans --output, sur la sortie standard.',
    erase:
      'coaching-bot erase --person ID [--yes]\n  Efface les données de la personne : commentaires et notes supprimés, le reste anonymisé pour que les chiffres du programme restent justes. Demande une confirmation, sauf avec --yes (obligatoire hors d’un terminal). Retirez d’abord la personne du fichier de programme.',
    backup:
      'coaching-bot backup FICHIER\n  Copie la base SQLite dans FICHIER par la sauvegarde en ligne de SQLite : la copie est cohérente même si le bot tourne, vérifiée, puis mise en place d’un coup. Sur PostgreSQL, affiche la commande pg_dump à utiliser à la place.',
  } as Record<string, string>,
  unknownVerb: (verb: string) => `Commande inconnue « ${verb} ». Tapez coaching-bot --help pour la liste.`,
  badOption: (message: string) => `Option incorrecte : ${message}`,
  badWeek: (week: string) =>
    `Semaine inconnue « ${week} » : écrivez-la AAAA-Www, par exemple 2026-W48 (semaine ISO qui existe).`,
  badWait: (value: string) =>
    `Durée d’attente incomprise « ${value} » : écrivez par exemple 30s, 5m ou 1h (ou --no-wait pour ne pas attendre).`,
  waitConflict: '--wait et --no-wait ne vont pas ensemble : choisissez l’un ou l’autre.',
  badRange: (from: string, to: string) => `Période vide : --from ${from} est après --to ${to}.`,
  nothingToReport: (from: string) => `Rien à montrer encore : le point hebdomadaire commence en ${from}.`,
  badFormat: (format: string) => `Format inconnu « ${format} » : table, csv, json ou xlsx.`,
  xlsxNeedsOutput: 'Le format xlsx s’écrit dans un fichier : ajoutez --output FICHIER.xlsx.',
  pack: {
    needsOutput: 'Le dossier du comité est un PDF : indiquez le fichier à écrire avec --output FICHIER.pdf.',
    written: (file: string, projects: number, withNotes: boolean) =>
      `Dossier du comité écrit dans ${file} (${count('fr', projects, 'projet', 'projets')}, ${withNotes ? 'notes des coachs incluses' : 'sans les notes des coachs'}). Il contient des données personnelles : ne le transmettez qu’aux membres du comité stratégique.`,
  },
  reportWritten: (file: string, rows: number) =>
    `Tableau de conformité écrit dans ${file} (${count('fr', rows, 'ligne', 'lignes')}). Il contient des données personnelles : ne le diffusez qu’aux responsables du programme.`,
  noPlatform:
    'Aucune plateforme de discussion n’est configurée : rien ne peut être envoyé.\nConfigurez Slack (SLACK_BOT_TOKEN et SLACK_SIGNING_SECRET, ou SLACK_APP_TOKEN), Mattermost (MATTERMOST_URL et MATTERMOST_BOT_TOKEN) ou l’e-mail (SMTP_URL, MAIL_FROM et PUBLIC_URL) : voir le README.',
  problems: (file: string, n: number) => `${file} : ${n} problème${n > 1 ? 's' : ''} à corriger.`,
  valid: (file: string, name: string, projects: number, intrapreneurs: number, phases: number) =>
    `${file} : valide — « ${name} », ${count('fr', projects, 'projet', 'projets')}, ${count('fr', intrapreneurs, 'intrapreneur', 'intrapreneurs')}, ${count('fr', phases, 'phase', 'phases')}.`,
  migrated: (path: string) => `Base à jour : ${path}`,
  env: {
    invalid: (detail: string) => `valeur incorrecte (${detail})`,
    port: 'un numéro de port, de 0 à 65535',
    dashboard_secret_short: 'au moins 16 caractères, par exemple ceux de « openssl rand -hex 32 »',
    slack_bot_token_missing: 'obligatoire pour utiliser Slack (jeton xoxb-…)',
    slack_signing_secret_missing:
      'obligatoire en mode HTTP (ou indiquez SLACK_APP_TOKEN pour le mode Socket Mode)',
    mattermost_url_missing: 'obligatoire pour utiliser Mattermost (https://chat.exemple.fr)',
    mattermost_token_missing: 'obligatoire pour utiliser Mattermost (jeton du compte bot)',
    database_url_unsupported: (scheme: string) =>
      `« ${scheme}: » n’est pas un type de base pris en charge : indiquez un fichier SQLite, file:CHEMIN (par exemple file:./data/coaching-bot.db), ou un serveur PostgreSQL, postgres://UTILISATEUR:MOT_DE_PASSE@SERVEUR:5432/BASE.`,
    database_url_invalid: (scheme: string) =>
      `cette adresse ${scheme}:// ne se lit pas. Attendu : postgres://UTILISATEUR:MOT_DE_PASSE@SERVEUR:5432/BASE, où les caractères @ : / ? # % du mot de passe s’écrivent %40 %3A %2F %3F %23 %25.`,
    smtp_rate: 'un nombre de messages par seconde, par ex. 5 ou 0.5',
    smtp_url_invalid:
      'attendu : smtp://utilisateur:mot-de-passe@serveur:587 (STARTTLS) ou smtps://utilisateur:mot-de-passe@serveur:465 (valeur non recopiée ici : elle peut contenir un mot de passe)',
    mail_from_missing:
      'obligatoire pour envoyer des e-mails : l’expéditeur, par ex. "Startups de Territoire" <coaching@region.example>',
    mail_from_invalid:
      'une seule adresse attendue, par ex. coaching@region.example ou "Startups de Territoire" <coaching@region.example>',
    public_url_missing:
      'obligatoire pour envoyer des e-mails : l’adresse publique du bot, où s’ouvrent les liens des messages (par ex. https://coaching.region.example)',
  },
  envProblems: 'Configuration incorrecte :',
  databaseCorrupt: (path: string) =>
    `La base ${path} est illisible (fichier endommagé ou qui n’est pas une base SQLite). Elle n’a pas été modifiée : restaurez une sauvegarde ou indiquez une autre base avec DATABASE_URL.`,
  databaseNewer: (path: string) =>
    `La base ${path} a été mise à jour par une version plus récente de coaching-bot. Elle n’a pas été modifiée : utilisez cette version plus récente.`,
  storage: {
    full: (path: string) =>
      `Le disque de la base ${path} est plein (ou le quota de l’utilisateur est atteint) : rien n’a été écrit, ce qui était déjà enregistré est intact. Libérez de la place, puis relancez.`,
    busy: (path: string) =>
      `La base ${path} est verrouillée en écriture par un autre processus (une sauvegarde, une autre commande coaching-bot) : rien n’a été écrit. Relancez quand il aura fini.`,
    readOnly: (path: string, file: string, cause: string, user: string) =>
      `Le bot ne peut pas écrire ${file} (${cause}) : fichier ou dossier en lecture seule, d’un autre propriétaire ou immuable, ou disque monté en lecture seule. La base n’a pas été modifiée. Donnez à l’utilisateur ${user} le droit d’écrire la base ${path} et son dossier (SQLite y crée ${path}-wal et ${path}-shm), ou indiquez une autre base avec DATABASE_URL.`,
    notAFolder: (path: string, folder: string) =>
      `Impossible de créer la base ${path} : ${folder} existe et n’est pas un dossier. Indiquez dans DATABASE_URL un chemin dont les dossiers existent ou peuvent être créés.`,
    notAFile: (path: string) =>
      `${path} est un dossier, pas un fichier de base : indiquez dans DATABASE_URL le chemin d’un fichier, par exemple file:${path}/coaching-bot.db.`,
    writeFailed: (path: string, cause: string) =>
      `L’écriture dans la base ${path} a échoué (${cause}) : disque plein, quota de l’utilisateur atteint, taille de fichier limitée ou disque défaillant. Rien n’a été écrit, ce qui était déjà enregistré est intact. Libérez de la place ou réparez le disque, puis relancez.`,
    unavailable: (path: string, cause: string) =>
      `La base ${path} ne peut être ni ouverte ni écrite (${cause}) : vérifiez que le disque répond et que le bot peut créer des fichiers dans son dossier (SQLite y crée ${path}-wal et ${path}-shm).`,
    serverUnavailable: (where: string, detail: string) =>
      `Le serveur PostgreSQL de la base ${where} ne répond pas ou refuse la connexion (${detail}) : vérifiez qu’il tourne, que l’adresse, l’utilisateur, le mot de passe et le nom de la base donnés dans DATABASE_URL sont justes, et qu’il accepte les connexions de cette machine. Rien n’a été écrit.`,
    serverFull: (where: string, detail: string) =>
      `Le serveur PostgreSQL de la base ${where} n’a plus de place pour écrire (${detail}) : rien n’a été écrit, ce qui était déjà enregistré est intact. Libérez de la place sur le serveur, puis relancez.`,
    serverReadOnly: (where: string, detail: string) =>
      `La base ${where} refuse les écritures (${detail}) : serveur en lecture seule (une réplique, un basculement en cours) ou utilisateur sans droit d’écriture sur ses tables. Rien n’a été écrit. Indiquez dans DATABASE_URL le serveur principal et un utilisateur qui peut écrire.`,
    serverBusy: (where: string, detail: string) =>
      `La base ${where} est trop occupée pour répondre à temps (${detail}) : rien n’a été écrit. Relancez dans un moment.`,
  },
  unknownProgramme: (id: string, known: string[]) =>
    `Programme inconnu : ${id}. Programmes servis : ${known.join(', ')}.`,
  programmeNeeded: (verb: string, known: string[]) =>
    `coaching-bot ${verb} agit sur un seul programme : précisez --programme parmi ${known.join(', ')}.`,
  programmeHeading: (name: string, key: string) => `== ${name} (${key}) ==`,
  programmeNotFound: (file: string) => `Fichier de programme introuvable : ${file}`,
  internal: (message: string) => `Erreur interne : ${message}`,
  fanOut: {
    done: (verb: string, week: string, sent: number, total: number, pending: number, failed: number) =>
      `${verb} ${week} : ${sent} ${agree('fr', sent, 'envoyé', 'envoyés')} sur ${total}${pending ? `, ${pending} en attente de nouvel essai` : ''}${failed ? `, ${count('fr', failed, 'refusé', 'refusés')}` : ''}.`,
    outsideWindow: (week: string) => `${week} : hors de la période du point hebdomadaire, rien à envoyer.`,
    break: (week: string) => `${week} : semaine de fermeture, rien à envoyer.`,
    evaluated: (week: string, alerts: number, sent: number, total: number, pending: number, failed: number) =>
      `${week} évaluée : ${count('fr', alerts, 'alerte', 'alertes')} ; ${count('fr', sent, 'message envoyé', 'messages envoyés')} sur ${total}${pending ? `, ${pending} en attente de nouvel essai` : ''}${failed ? `, ${count('fr', failed, 'refusé', 'refusés')}` : ''}.`,
    notAsked: (week: string) => `${week} : personne n’a été interrogé cette semaine, rien à évaluer.`,
    exempt: (week: string) => `${week} : semaine hors suivi, rien à évaluer.`,
  },
  delivery: {
    handOver: (n: number) =>
      `${n === 1 ? 'Le message en attente partira' : `Les ${n} messages en attente partiront`} avec le bot en marche (coaching-bot start), à l’heure du nouvel essai.`,
    notDelivered: (n: number, total: number) =>
      `Non remis : ${count('fr', n, 'message', 'messages')} sur ${total}.`,
    failedLine: (who: string, kind: string, why: string) =>
      `• ${who} (${kind}) : refusé définitivement — ${why}.`,
    pendingLine: (who: string, kind: string, why: string, at: string) =>
      `• ${who} (${kind}) : pas encore remis — ${why} ; nouvel essai prévu à ${at}.`,
    sendingLine: (who: string, kind: string) =>
      `• ${who} (${kind}) : en cours d’envoi par un autre processus.`,
    retryLater:
      'Le bot en marche (coaching-bot start) réessaiera ceux qui sont en attente ; relancez la commande pour attendre encore.',
    noReason: 'raison inconnue',
    kinds: {
      prompt: 'point hebdomadaire',
      reminder: 'rappel',
      alert: 'alerte',
      digest: 'synthèse',
    } satisfies Record<OutboxKind, string>,
  },
  server: {
    listening: (url: string) => `coaching-bot écoute sur ${url}`,
    noPlatform:
      'Aucune plateforme configurée (Slack, Mattermost ou e-mail) : les envois programmés sont en pause. Voir le README pour en configurer une.',
  },
};
