// What the personal-data and backup verbs print (export, erase, backup).
import { count } from '../plural.ts';

const q = (s: string) => `« ${s} »`;

export const data = {
  personRequired: (verb: string) => `Indiquez la personne : coaching-bot ${verb} --person IDENTIFIANT`,
  fileRequired: 'Indiquez le fichier de sauvegarde : coaching-bot backup FICHIER',
  noDatabase: (path: string) =>
    `Aucune base de données à ${path} : rien n’est enregistré (vérifiez DATABASE_URL).`,
  foundIn: (person: string, programmes: string[]) =>
    `${person} figure dans ${programmes.length > 1 ? 'les programmes' : 'le programme'} : ${programmes.join(', ')}.`,
  nothingStored: (person: string) =>
    `Rien n’est enregistré sur ${q(person)} dans ce programme (vérifiez l’identifiant, tel qu’écrit dans people).`,
  exported: (person: string, file: string, rows: number) =>
    `Données de ${q(person)} écrites dans ${file} (${count('fr', rows, 'enregistrement', 'enregistrements')}). Ce fichier contient des données personnelles : transmettez-le par un canal sûr, puis supprimez-le.`,
  summary: (person: string, rows: number, texts: number) =>
    `${count('fr', rows, 'enregistrement nomme', 'enregistrements nomment')} ${q(person)} ; ${count('fr', texts, 'commentaire ou note de coaching sera supprimé', 'commentaires ou notes de coaching seront supprimés')}.`,
  confirm: (person: string) =>
    `Effacement définitif : ses commentaires et les notes de coaching qui la concernent seront supprimés ; le reste, notes qu’elle a écrites sur d’autres comprises, anonymisé.\nTapez ${person} pour confirmer (Entrée pour annuler) : `,
  cancelled: 'Effacement annulé : rien n’a été modifié.',
  needsConfirmation: (person: string) =>
    `L’effacement de ${q(person)} demande une confirmation : lancez la commande dans un terminal, ou ajoutez --yes.`,
  erased: (person: string, anonymousId: string, rows: number, texts: number) =>
    `Données de ${q(person)} effacées : ${count('fr', texts, 'commentaire ou note supprimé', 'commentaires et notes supprimés')}, ${count('fr', rows, 'enregistrement anonymisé', 'enregistrements anonymisés')} sous ${anonymousId} pour que les chiffres du programme restent justes. Notez cet identifiant dans votre registre : il n’est conservé nulle part ailleurs.`,
  walNotCleared: (path: string, person: string) =>
    `Attention : un autre processus lisait la base pendant l’effacement ; d’anciennes copies des données effacées restent dans ${path}-wal. Relancez « coaching-bot erase --person ${person} --yes » dans un moment pour le vider.`,
  stillInProgramme: (person: string, file: string) =>
    `Attention : ${q(person)} figure encore dans ${file}. Retirez la personne du fichier puis redémarrez le bot, sinon elle sera de nouveau sollicitée et de nouvelles données seront enregistrées.`,
  backupDone: (file: string, pages: number) =>
    `Sauvegarde écrite et vérifiée : ${file} (${count('fr', pages, 'page', 'pages')}). Elle contient des données personnelles : conservez-la en lieu sûr.`,
  backupNotWritten: (file: string, cause: string) =>
    `La sauvegarde n’a pas pu être écrite dans ${file} (${cause}) : vérifiez que son dossier existe ou peut être créé, que le bot peut y écrire et que le disque n’est pas plein. La base n’a pas été modifiée.`,
  backupWithPgDump: (command: string) =>
    `Sur PostgreSQL, la sauvegarde se fait avec pg_dump, l’outil de PostgreSQL, qui en prend une copie cohérente pendant que le bot tourne (le mot de passe est demandé, ou lu dans PGPASSWORD ou ~/.pgpass) :\n  ${command}\nRien n’a été écrit par coaching-bot. La sauvegarde contient des données personnelles : conservez-la en lieu sûr.`,
  backupOntoDatabase: (file: string) =>
    `${file} est la base elle-même : choisissez un autre fichier pour la sauvegarde.`,
  exportAbout: {
    document:
      'Toutes les données que coaching-bot conserve sur cette personne dans ce programme (droit d’accès, RGPD art. 15).',
    programmeFile:
      'Ce que le fichier de programme dit de la personne : identité, adresse e-mail, identifiants de discussion, rôles.',
    people: 'La fiche de la personne dans la base : nom, et si elle fait encore partie du programme.',
    roles:
      'Les rôles enregistrés : intrapreneur (projet, manager), manager d’un intrapreneur, coach d’un projet.',
    checkins:
      'Les réponses au point hebdomadaire : jours libérés, congé, point de coaching tenu, commentaire, qui a répondu et quand.',
    corrections:
      'Les corrections de réponses faites par un responsable du programme, sur les réponses de la personne ou par elle : semaine, question, avant et après, qui et quand.',
    coachingSessions:
      'Les points de coaching consignés (/coaching log) par ou sur la personne, avec leurs notes.',
    alerts:
      'Les alertes qui concernent la personne ou lui ont été adressées, et les faits qui les ont déclenchées.',
    deliveries:
      'Les messages envoyés par le bot à la personne ou qui la citent (alertes à son manager, synthèses), et leur remise.',
    sandboxMessages: 'Les messages affichés dans le bac à sable web à la personne ou qui la citent.',
  },
  hiddenLink: '[lien personnel masqué]',
};
