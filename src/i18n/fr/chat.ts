// What the bot sends: the weekly check-in, the reminder, the alerts and the owner's digest.
import type { AlertRule } from '../../core/alerts.ts';
import { agree, count, formatNumber } from '../plural.ts';

const days = (n: number) => (n >= 2 ? '2 jours ou plus' : count('fr', n, 'jour', 'jours'));
/** « 0,5 jour libéré », « 2 jours libérés ou plus » (2 is the highest answer). */
const daysWith = (n: number, one: string, other: string) =>
  n >= 2 ? `2 jours ${other} ou plus` : count('fr', n, `jour ${one}`, `jours ${other}`);
/** « 1 jour prévu », « 0,5 jour prévu », « 2 jours prévus ». */
const required = (n: number) => count('fr', n, 'jour prévu', 'jours prévus');
/** Whose minimum: the convention's, or the intrapreneur's own (part-time, individual arrangement). */
const byWhom = (individual: boolean) => (individual ? 'par son aménagement individuel' : 'par la convention');
/** `1 000` with a narrow no-break space, as French writes thousands. */
const number = (n: number) => formatNumber('fr', n);
const plural = (n: number, word: string) => count('fr', n, word, `${word}s`);

/** How the rules count a week, said once: the alerts, the digest and the dashboard's legends quote these. */
const rules = {
  unansweredRelease:
    'pour le jour libéré, une semaine sans réponse ne compte ni comme respectée ni comme manquée',
  unansweredCoaching:
    'pour le point de coaching, elle compte comme une semaine sans point, sauf si le coach a enregistré une séance',
  coachingPoint:
    'le point de coaching a eu lieu quand l’intrapreneur répond « oui » ou que son coach enregistre une séance',
};

export const chat = {
  prompt: {
    title: (week: string) => `Point hebdomadaire — ${week}`,
    /** Under the title, for someone who is an intrapreneur in several programmes: which one this check-in is for. */
    programme: (name: string) => `Programme : ${name}`,
    intro: (name: string) =>
      `Bonjour ${name}, deux questions sur votre semaine. Chaque clic est enregistré tout de suite ; vous pourrez corriger plus tard.`,
    releaseQuestion: 'Combien de jours avez-vous été libéré(e) de vos tâches habituelles cette semaine ?',
    coachingQuestion: 'Votre point de coaching hebdomadaire a-t-il eu lieu ?',
    choices: { 0: '0', 0.5: '½', 1: '1', 1.5: '1½', 2: '2 et plus', leave: 'En congés' } as Record<
      string,
      string
    >,
    yes: 'Oui',
    no: 'Non',
    comment: 'Ajouter un commentaire',
    recorded: 'Enregistré :',
    releaseRecorded: (value: number | 'leave'): string => (value === 'leave' ? 'en congés' : days(value)),
    coachingRecorded: (held: boolean): string =>
      held ? 'point de coaching tenu' : 'pas de point de coaching',
    commentRecorded: (comment: string) => `commentaire : « ${comment} »`,
    nothingYet: 'Pas encore de réponse.',
    change: 'Modifier',
    /** Under the check-in sent as plain text, when the platform refused its buttons. */
    answerWithCommand: 'Pour répondre, tapez /checkin.',
  },
  rules,
  reminder: (name: string, week: string) =>
    `Bonjour ${name}, petit rappel : nous n'avons pas encore votre réponse pour la ${week}. Deux clics suffisent, dans le message de vendredi ou avec /checkin.`,
  alert: {
    title: {
      release_two_weeks: 'Jour libéré non respecté deux semaines de suite',
      release_average: 'Jour libéré sous le minimum en moyenne sur quatre semaines',
      release_missed: 'Jour libéré non respecté',
      no_answer: 'Pas de réponse au point hebdomadaire',
      coaching_missed: 'Point de coaching manqué deux semaines de suite',
    } satisfies Record<AlertRule, string>,
    body: {
      release_missed: (who: string, week: string, released: number, needed: number, individual: boolean) =>
        `${who} a déclaré ${daysWith(released, 'libéré', 'libérés')} pour la ${week}, pour ${required(needed)} ${byWhom(individual)}.`,
      release_two_weeks: (
        who: string,
        week: string,
        released: number,
        needed: number,
        individual: boolean,
        previous: string,
      ) =>
        `${who} a déclaré ${daysWith(released, 'libéré', 'libérés')} pour la ${week}, pour ${required(needed)} ${byWhom(individual)} ; c'était déjà le cas pour la ${previous} : deux semaines de suite sous ce minimum.`,
      release_average: (
        who: string,
        week: string,
        released: number,
        needed: number,
        individual: boolean,
        mean: number,
      ) =>
        `${who} a déclaré ${daysWith(released, 'libéré', 'libérés')} pour la ${week} ; sur les quatre dernières semaines répondues, la moyenne est de ${count('fr', Math.round(mean * 100) / 100, 'jour', 'jours')} par semaine, sous les ${required(needed)} ${byWhom(individual)}.`,
      alsoAverage: (mean: number) =>
        ` Sur les quatre dernières semaines répondues, la moyenne est aussi sous ce minimum : ${count('fr', Math.round(mean * 100) / 100, 'jour', 'jours')} par semaine.`,
      guarantee: ' Ce temps est dû : merci de voir comment le lui garantir.',
      no_answer: (who: string, week: string) =>
        `${who} n'a pas répondu au point hebdomadaire de la ${week}, malgré le rappel. Pour mémoire, ${rules.unansweredRelease} ; ${rules.unansweredCoaching}. Il faudrait prendre de ses nouvelles.`,
      coaching_missed: (who: string, week: string, previous: string) =>
        `${who} n'a eu aucun point de coaching deux semaines de suite (${previous} ; ${week}) : ni réponse « oui », ni séance enregistrée par son coach.`,
    },
  },
  digest: {
    title: (week: string) => `Synthèse de la ${week}`,
    release: (honoured: number, total: number, missed: number, unknown: number, exempt: number) =>
      `Jour libéré : ${honoured}/${total} ${agree('fr', honoured, 'respecté', 'respectés')}, ${count('fr', missed, 'manqué', 'manqués')}, ${unknown} sans réponse, ${count('fr', exempt, 'exempté', 'exemptés')}.`,
    coaching: (held: number, total: number) => `Points de coaching : ${held}/${total}.`,
    alerts: (n: number) => (n === 0 ? 'Aucune alerte.' : `${plural(n, 'alerte')} :`),
    /** One line per rule: `• Jour libéré non respecté (3) : Alice Martin, Bob Leroy et 1 autre` */
    alertGroup: (title: string, n: number) => `• ${title} (${number(n)}) : `,
    others: (left: number, shown: number) =>
      shown === 0 ? plural(left, 'personne') : ` et ${plural(left, 'autre')}`,
    undelivered: (n: number) =>
      `${plural(n, 'message')} ${agree('fr', n, 'n’a', 'n’ont')} pas pu être remis :`,
    undeliveredLine: (who: string, kind: string, error: string) => `• ${who} (${kind}) : ${error}`,
    undeliveredOthers: (left: number) => `• … et ${plural(left, 'autre')}`,
    dashboard: (url: string) =>
      `Le détail de chaque alerte est sur le tableau de bord : ${url} (votre lien personnel : /phase dashboard).`,
    corrections: (n: number) =>
      n === 1
        ? 'Une réponse corrigée par un responsable depuis la dernière synthèse (les alertes déjà envoyées restent) :'
        : `${number(n)} réponses corrigées par les responsables depuis la dernière synthèse (les alertes déjà envoyées restent) :`,
    correctionLine: (who: string, week: number, before: string, after: string, by: string) =>
      `• ${who}, semaine ${week} : ${before} → ${after} (corrigé par ${by})`,
    noAnswer: 'sans réponse',
    moreCorrections: (n: number) =>
      `• … et ${plural(n, 'autre')} : voir le tableau de bord ou coaching-bot report.`,
  },
  dashboardLink: (url: string, until: string) =>
    `Voici votre lien vers le tableau de bord du programme, valable jusqu’au ${until} : ${url}\nNe le transmettez pas : il donne accès aux réponses de toute la promotion.`,
};
