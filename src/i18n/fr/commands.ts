// Replies to the slash commands and the errors a user can act on.
import type { ProjectStatus } from '../../core/programme.ts';
import { de } from './elision.ts';

/** `2 345`: thousands grouped with a narrow no-break space, as French writes them. */
const count = (n: number) => new Intl.NumberFormat('fr-FR').format(n);

export const commands = {
  usage: {
    coaching: [
      'Utilisation :',
      '• `/coaching log @intrapreneur [date] [durée] notes…` — ex. `/coaching log @alice hier 1h30 revue du POC`',
      "   date, aujourd’hui si elle manque : `hier` ou `yesterday`, `aujourd'hui` ou `today`, `2026-11-27`, `27/11`, `27-11`, `27.11`, `27/11/2026` — ni dans le futur, ni avant le début du point hebdomadaire",
      '   durée, 12 h au plus : `45min`, `45 min`, `90 minutes`, `1h`, `2 heures`, `1h30`, `1 h 30`, `1,5h`',
      '• `/coaching history [@intrapreneur]` — les dernières séances',
      '• `/coaching help` — cette aide',
    ].join('\n'),
    phase:
      'Utilisation : `/phase` pour l’état du programme, `/phase <projet>` pour un projet, `/phase dashboard` pour recevoir le lien du tableau de bord (responsables du programme).',
    checkin:
      'Utilisation : `/checkin` ouvre le point hebdomadaire de la semaine.\nResponsables du programme : `/checkin @intrapreneur [semaine]` ouvre celui d’un intrapreneur pour répondre ou corriger à sa place, par exemple `/checkin @alice` (les semaines ouvertes), `/checkin @alice 2026-W47` ou `/checkin @alice 47` (une semaine de la période du point hebdomadaire, même déjà évaluée).',
  },
  programmes: {
    notMember: (key: string) =>
      `Vous n’avez pas de rôle dans le programme « ${key} ». Tapez la commande sans --programme pour voir vos programmes.`,
    which:
      'Vous êtes dans plusieurs programmes et cette commande peut concerner plusieurs d’entre eux. Précisez lequel :',
    choice: (name: string, command: string) => `• ${name} : \`${command}\``,
    ambiguousClick:
      'Ce point hebdomadaire peut concerner plusieurs de vos programmes : répondez avec `/checkin --programme <programme>`.',
    clickNotMember:
      'Ce point hebdomadaire concerne un programme dans lequel vous n’avez pas de rôle : rien n’a été enregistré.',
    summaryTitle: 'Vos programmes :',
    summaryLine: (name: string, key: string, current: string | undefined, next: string | undefined) =>
      `• ${name} (\`${key}\`) — ${current ? `phase en cours : ${current}` : 'aucune phase en cours'}${next ? ` ; prochaine étape : ${next}` : ''}`,
    summaryMore:
      'Le détail d’un programme : `/phase <programme>` ; un projet : `/phase <programme> <projet>`.',
  },
  unknownUser:
    'Bonjour ! Je ne vous trouve pas parmi les personnes du programme. Si vous devriez y être, demandez au responsable du programme de vous ajouter au fichier du programme.',
  unknownSubcommand: (word: string) => `Je ne connais pas la commande « ${word} ».`,
  logged: (who: string, date: string, duration: string | undefined) =>
    `Séance de coaching enregistrée pour ${who}, le ${date}${duration ? ` (${duration})` : ''}. Elle compte comme point de coaching de la semaine.`,
  duration: (minutes: number) => {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return h === 0 ? `${m} min` : m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
  },
  historyTitle: (who: string | undefined) =>
    who ? `Dernières séances de coaching ${de(who)} :` : 'Dernières séances de coaching :',
  historyLine: (date: string, who: string, duration: string | undefined, notes: string | undefined) =>
    `• ${date} — ${who}${duration ? ` (${duration})` : ''}${notes === undefined ? '' : ` : ${notes}`}`,
  historyNotesWithheld:
    'Les notes de séance ne sont lisibles que par le coach qui les a écrites, l’intrapreneur concerné et les responsables du programme.',
  historyEmpty: 'Aucune séance enregistrée pour le moment.',
  notIntrapreneurCheckin:
    'Le point hebdomadaire concerne les intrapreneurs ; vous n’en faites pas partie dans ce programme.',
  noOpenWeek: 'Aucune semaine n’est ouverte au point hebdomadaire en ce moment (hors période ou fermeture).',
  answerRecorded: 'C’est noté.',
  checkinBadWord: (token: string) =>
    `Je ne comprends pas « ${token} » : indiquez une personne (\`@alice\`) puis, si besoin, une semaine (\`2026-W47\` ou \`47\`).`,
  /** The form an owner opened for someone else. */
  checkinFor: (who: string) =>
    `Point hebdomadaire de ${who}, rempli par vous : chaque clic est enregistré pour ${who}, à votre nom, et signalé dans la prochaine synthèse.`,
  errors: {
    not_allowed: {
      log: (who: string) =>
        `Seul le coach ${de(who)} ou un responsable du programme peut enregistrer ses séances.`,
      history: (who: string | undefined) =>
        who
          ? `Vous ne pouvez pas consulter l’historique ${de(who)} : il est réservé à son coach, sa hiérarchie et aux responsables du programme.`
          : 'Vous ne suivez aucun intrapreneur : il n’y a pas d’historique à vous montrer.',
      project: (project: string) =>
        `Le détail du projet ${project} est réservé à son équipe, sa hiérarchie et aux responsables du programme.`,
      answer: (who: string) => `Vous ne pouvez pas répondre à la place ${de(who)}.`,
      correct: (who: string) =>
        `Seuls les responsables du programme peuvent ouvrir le point hebdomadaire ${de(who)} pour répondre à sa place.`,
    },
    notes_too_long: (length: number, max: number) =>
      `Vos notes font ${count(length)} caractères, pour ${count(max)} au plus : rien n’a été enregistré. Gardez l’essentiel de la séance et renvoyez la commande.`,
    unknown_person: (mention: string) =>
      `Je ne trouve personne qui corresponde à « ${mention} » dans le programme.`,
    not_intrapreneur: (who: string) => `${who} n’est pas intrapreneur de ce programme.`,
    unknown_project: (project: string, known: string) => `Projet inconnu « ${project} ». Projets : ${known}.`,
    week_invalid: (week: string) => `Semaine impossible : ${week}.`,
    week_closed: (week: string) =>
      `La ${week} a déjà été évaluée : pour corriger votre réponse, adressez-vous au responsable du programme.`,
    comment_too_long: (max: number, length: number) =>
      `Votre commentaire fait ${length.toLocaleString('fr-FR')} caractères, pour ${max.toLocaleString('fr-FR')} au plus : raccourcissez-le.`,
    // What the person did, then why the database refused it: « Votre réponse n’a pas été enregistrée : … ».
    refused: (what: string, why: string) => `${what} : ${why}`,
    not_recorded: {
      answer: 'Votre réponse n’a pas été enregistrée',
      comment: 'Votre commentaire n’a pas été enregistré',
      coaching_log: 'Votre séance de coaching n’a pas été enregistrée',
      command: 'Votre demande n’a pas abouti',
    },
    storage: {
      storage_full:
        'le serveur du bot n’a plus de place pour écrire. Réessayez plus tard ; si cela dure, prévenez l’administrateur du bot.',
      storage_busy:
        'la base de données du bot est occupée par une autre opération (une sauvegarde, par exemple). Réessayez dans un instant.',
      storage_read_only:
        'le bot ne peut pas écrire dans sa base de données. Prévenez l’administrateur du bot.',
      storage_unavailable:
        'le bot ne peut pas écrire dans sa base de données. Prévenez l’administrateur du bot.',
    },
    week_not_started: (week: string, latest: string) =>
      `La ${week} n’a pas encore commencé : rien ne peut s’y faire avant. Au plus tard aujourd’hui : la ${latest}.`,
    week_not_over: (week: string, latest: string) =>
      `La ${week} n’est pas finie : ses rappels et son évaluation attendent sa fin. Au plus tard aujourd’hui : la ${latest}.`,
    week_not_followed: (week: string) =>
      `La ${week} n’est pas suivie : elle est hors de la période du point hebdomadaire, ou c’est une semaine de fermeture.`,
    weekNumber: (n: string) => `semaine ${n}`,
    coaching_log: {
      missing_who: 'Indiquez l’intrapreneur avec une mention, par exemple `@alice`.',
      bad_date: (token: string) =>
        `Date incomprise « ${token} » : écrivez \`hier\`, \`aujourd'hui\`, \`2026-11-27\`, \`27/11\`, \`27-11\`, \`27.11\` ou \`27/11/2026\` (le jour avant le mois).`,
      future_date: (token: string) =>
        `La date « ${token} » est dans le futur : on enregistre une séance qui a eu lieu.`,
      before_checkins: (date: string, from: string) =>
        `Une séance du ${date} serait antérieure au début du point hebdomadaire (${from}) : elle ne compterait pour aucune semaine du programme.`,
      second_date: (token: string) =>
        `Une seule date par séance : « ${token} » en serait une deuxième. Écrivez les notes après la date et la durée.`,
      bad_duration: (token: string) =>
        `Durée incomprise « ${token} » : écrivez \`45min\`, \`90 minutes\`, \`1h\`, \`2 heures\`, \`1h30\` ou \`1 h 30\` (plus de 0, et 12 h au plus).`,
      second_duration: (token: string) =>
        `Une seule durée par séance : « ${token} » en serait une deuxième. Écrivez les notes après la date et la durée.`,
      missing_notes: 'Ajoutez quelques mots sur la séance après la date et la durée.',
    },
  },
  projectStatus: {
    pre_incubation: 'en pré-incubation',
    poc_presented: 'POC présenté',
    selected: 'retenu pour l’incubation',
    not_selected: 'non retenu',
    abandoned: 'abandonné',
  } satisfies Record<ProjectStatus, string>,
};
