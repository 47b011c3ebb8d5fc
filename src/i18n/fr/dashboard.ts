// The owner dashboard, the frame of the bot's web pages, and the replies to `/phase dashboard`.

import { count } from '../plural.ts';
import { chat } from './chat.ts';

const dayValue = (d: number) => (d === 0.5 ? '½' : d === 1.5 ? '1½' : d >= 2 ? '2+' : String(d));
const daysSpoken = (d: number) => (d >= 2 ? '2 jours ou plus' : count('fr', d, 'jour', 'jours'));

export const dashboard = {
  layout: {
    languageName: 'Français',
    skipLinks: 'Accès rapide',
    skipToContent: 'Aller au contenu',
    menu: 'Menu',
    close: 'Fermer',
    mainMenu: 'Menu principal',
    footer:
      'coaching-bot suit le jour libéré et le point de coaching hebdomadaires des intrapreneurs du programme Startups de Territoire. Logiciel libre (licence MIT).',
  },
  nav: { sandbox: 'Bac à sable', dashboard: 'Tableau de bord', overview: 'Vue nationale' },
  overview: {
    title: 'Vue nationale',
    lead: (n: number) => `${count('fr', n, 'programme', 'programmes')} côte à côte`,
    caption:
      'Chaque programme : phase en cours, prochaine étape, chiffres de la dernière semaine comptée, alertes',
    programme: 'Programme',
    phase: 'Phase en cours',
    noPhase: 'aucune phase en cours',
    next: 'Prochaine étape',
    nextLine: (phase: string, date: string, days: number) =>
      `${phase}, le ${date} (dans ${count('fr', days, 'jour', 'jours')})`,
    none: '—',
    week: 'Semaine comptée',
    released: 'Jour libéré honoré',
    coaching: 'Point de coaching tenu',
    of: (n: number, total: number) => `${n} sur ${total}`,
    alerts: 'Alertes de la semaine',
    trend: 'Jour libéré, dernières semaines',
    trendLabel: (points: string) =>
      `Part des intrapreneurs ayant eu leur jour libéré, par semaine : ${points}`,
    trendPoint: (week: string, share: number | null) =>
      share === null ? `${week} : personne d’interrogé` : `${week} : ${Math.round(share * 100)}\u202f%`,
    noTrend: 'pas encore de semaine',
    open: (name: string) => `Tableau de bord — ${name}`,
    total: 'Total',
  },
  title: 'Tableau de bord',
  asOf: (date: string) => `situation au ${date}`,
  csv: 'Exporter en CSV',
  csvDetail: 'CSV – les mêmes données que coaching-bot report',
  xlsx: 'Exporter pour Excel ou LibreOffice',
  xlsxDetail: 'XLSX – les mêmes données, prêtes pour un tableur',
  intrapreneur: 'Intrapreneur',
  /** Under an intrapreneur's name, when their minimum is their own: « minimum ½ j par semaine : temps partiel à 50 % » */
  ownMinimum: (days: number, reason: string | undefined) =>
    `minimum ${days === 0.5 ? '½' : String(days).replace('.', ',')} j par semaine${reason ? ` : ${reason}` : ''}`,
  currentWeek: 'semaine en cours',
  legendTitle: 'Légende',
  empty: 'Pas encore de semaine de suivi à montrer.',
  alertsSpoken: (titles: string) => `alerte : ${titles}`,
  timeline: {
    title: 'Les cinq phases du programme',
    none: 'Aucune phase dans le fichier du programme.',
    today: (date: string) => `Aujourd’hui, ${date}`,
    range: (from: string, to: string) => `du ${from} au ${to}`,
    state: { past: 'terminée', current: 'en cours', upcoming: 'à venir' },
    next: (name: string, days: number) =>
      `Prochaine étape : ${name}, dans ${count('fr', days, 'jour', 'jours')}.`,
    paymentState: { past: 'échue', due: 'exigible aujourd’hui', upcoming: 'à venir' },
  },
  release: {
    title: 'Jour libéré, par intrapreneur et par semaine',
    caption: 'Jours libérés déclarés chaque semaine (au moins un jour prévu par la convention)',
    days: (d: number) => `${dayValue(d)} j`,
    leave: 'Congés',
    closed: 'Fermé',
    pending: 'En attente',
    noAnswer: 'Sans réponse',
    legend: {
      honoured: 'jours libérés déclarés, minimum respecté',
      missed: 'sous le minimum : jour libéré non respecté',
      leave: 'en congés : semaine exemptée',
      pending: 'pas encore de réponse, la semaine n’est pas évaluée',
      noAnswer: `pas de réponse malgré le rappel (semaine évaluée) : ${chat.rules.unansweredRelease}`,
      closed: 'fermeture du programme : semaine exemptée',
      notAsked: 'pas interrogé cette semaine',
      alert: 'alerte levée pour cette semaine : jour libéré non respecté, ou pas de réponse',
    },
    spoken: {
      honoured: (d: number) => `${daysSpoken(d)}, respecté`,
      missed: (d: number) => `${daysSpoken(d)}, non respecté`,
      leave: 'en congés',
      closed: 'fermeture',
      pending: 'en attente de réponse',
      noAnswer: 'sans réponse',
      notAsked: 'non interrogé',
    },
  },
  coaching: {
    title: 'Points de coaching',
    caption: `Point de coaching hebdomadaire : ${chat.rules.coachingPoint}`,
    both: 'Oui + séance',
    answered: 'Oui',
    logged: 'Séance',
    disagree: 'Non / séance',
    missed: 'Non',
    leave: 'Congés',
    closed: 'Fermé',
    pending: 'En attente',
    noAnswer: 'Sans réponse',
    legend: {
      both: 'l’intrapreneur a répondu oui et le coach a enregistré une séance',
      answered: 'l’intrapreneur a répondu oui, sans séance enregistrée',
      logged: 'séance enregistrée par le coach, sans réponse de l’intrapreneur',
      disagree:
        'désaccord : l’intrapreneur a répondu non, le coach a enregistré une séance (la séance compte)',
      missed: 'l’intrapreneur a répondu non, sans séance enregistrée : pas de point de coaching',
      pending: 'pas encore de réponse',
      noAnswer: `pas de réponse (semaine évaluée) : ${chat.rules.unansweredCoaching}`,
      alert: 'alerte levée pour cette semaine : point de coaching manqué deux semaines de suite',
    },
    spoken: {
      both: 'tenu : réponse oui et séance enregistrée',
      answered: 'tenu selon l’intrapreneur',
      logged: 'tenu : séance enregistrée par le coach',
      disagree: 'désaccord : l’intrapreneur a répondu non, le coach a enregistré une séance',
      missed: 'pas de point de coaching',
      leave: 'en congés',
      closed: 'fermeture',
      pending: 'en attente de réponse',
      noAnswer: 'sans réponse',
      notAsked: 'non interrogé',
    },
  },
  alerts: {
    title: 'Alertes envoyées',
    none: 'Aucune alerte pour le moment.',
    week: 'Semaine',
    intrapreneur: 'Intrapreneur',
    alert: 'Alerte',
    recipients: 'Destinataires',
    delivery: 'Remise',
    delivered: (sent: number, total: number) => `${sent} sur ${total} remis`,
    inDigest: 'la synthèse hebdomadaire',
    digestOnly: 'dans la synthèse',
  },
  refused: {
    title401: 'Lien nécessaire',
    body401:
      'Le tableau de bord ne s’ouvre qu’avec un lien personnel et temporaire. Responsable du programme ? Tapez /phase dashboard dans votre messagerie : le bot vous envoie un lien valable 24 heures.',
    title403: 'Accès réservé à cet ordinateur',
    body403: 'Cette page ne répond qu’aux demandes faites depuis la machine où tourne le bot.',
  },
  command: {
    ownersOnly: 'Le tableau de bord est réservé aux responsables du programme.',
    sent: 'Lien envoyé en message privé : il est valable 24 heures.',
    unavailable: 'Le tableau de bord n’est pas disponible ici : le serveur du bot ne tourne pas.',
    notSent: 'Le lien n’a pas pu vous être envoyé en message privé ; réessayez dans un instant.',
  },
};
