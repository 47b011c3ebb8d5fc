// What the bot sends: the weekly check-in, the reminder, the alerts and the owner's digest.

import type { AlertKind } from '../../core/alerts.ts';
import { agree, count } from '../plural.ts';

const days = (n: number) => (n >= 2 ? '2 jours ou plus' : count('fr', n, 'jour', 'jours'));
/** « 0,5 jour libéré », « 2 jours libérés ou plus » (2 is the highest answer). */
const daysWith = (n: number, one: string, other: string) =>
  n >= 2 ? `2 jours ${other} ou plus` : count('fr', n, `jour ${one}`, `jours ${other}`);

export const chat = {
  prompt: {
    title: (week: string) => `Point hebdomadaire — ${week}`,
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
  },
  reminder: (name: string, week: string) =>
    `Bonjour ${name}, petit rappel : nous n'avons pas encore votre réponse pour la ${week}. Deux clics suffisent, dans le message de vendredi ou avec /checkin.`,
  alert: {
    title: {
      release_missed: 'Jour libéré non respecté',
      release_missed_again: 'Jour libéré non respecté, de nouveau',
      no_answer: 'Pas de réponse au point hebdomadaire',
      coaching_missed: 'Point de coaching manqué deux semaines de suite',
    } satisfies Record<AlertKind, string>,
    body: {
      release_missed: (who: string, week: string, released: number, required: number) =>
        `${who} a déclaré ${daysWith(released, 'libéré', 'libérés')} pour la ${week}, pour ${count('fr', required, 'jour prévu', 'jours prévus')} par la convention.`,
      release_missed_again: (who: string, week: string, detail: string) =>
        `${who} n'a pas eu son temps libéré pour la ${week}, et ce n'est pas la première fois : ${detail}. Merci de voir avec sa hiérarchie comment garantir ce temps.`,
      no_answer: (who: string, week: string) =>
        `${who} n'a pas répondu au point hebdomadaire de la ${week}, malgré le rappel. Ce n'est pas compté comme un manquement : il faudrait prendre des nouvelles.`,
      coaching_missed: (who: string, week: string, previous: string) =>
        `${who} n'a pas eu de point de coaching ni la ${week} ni la ${previous}.`,
    },
    detailConsecutive: (previous: string) => `la ${previous} aussi`,
    detailAverage: (average: number) =>
      `moyenne de ${count('fr', Math.round(average * 100) / 100, 'jour', 'jours')} sur les quatre dernières semaines`,
    detailJoin: ' ; ',
  },
  digest: {
    title: (week: string) => `Synthèse de la ${week}`,
    release: (honoured: number, total: number, missed: number, unknown: number, exempt: number) =>
      `Jour libéré : ${honoured}/${total} ${agree('fr', honoured, 'respecté', 'respectés')}, ${count('fr', missed, 'manqué', 'manqués')}, ${unknown} sans réponse, ${count('fr', exempt, 'exempté', 'exemptés')}.`,
    coaching: (held: number, total: number) => `Points de coaching : ${held}/${total}.`,
    alerts: (n: number) => (n === 0 ? 'Aucune alerte.' : `${count('fr', n, 'alerte', 'alertes')} :`),
    alertLine: (title: string, who: string) => `• ${title} — ${who}`,
    undelivered: (n: number) =>
      `${count('fr', n, 'message', 'messages')} ${agree('fr', n, 'n’a', 'n’ont')} pas pu être remis :`,
    undeliveredLine: (who: string, kind: string, error: string) => `• ${who} (${kind}) : ${error}`,
  },
  dashboardLink: (url: string, until: string) =>
    `Voici votre lien vers le tableau de bord du programme, valable jusqu’au ${until} : ${url}\nNe le transmettez pas : il donne accès aux réponses de toute la promotion.`,
};
