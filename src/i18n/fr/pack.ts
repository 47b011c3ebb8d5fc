// The committee pack (`/dashboard/projects/…`, its PDF and `coaching-bot pack`): the record the strategic committee
// reads before choosing the projects that go on to incubation.
import { count, formatNumber } from '../plural.ts';
import { de } from './elision.ts';

const days = (n: number) => count('fr', n, 'jour', 'jours');
const weeks = (n: number) => count('fr', n, 'semaine', 'semaines');

export const pack = {
  days,
  title: 'Dossier du comité stratégique',
  projectTitle: (project: string) => `Dossier du comité stratégique — ${project}`,
  purpose:
    'Présentation des preuves de concept au comité stratégique et sélection des projets viables à passer en incubation.',
  madeOn: (date: string) => `Dossier établi le ${date}.`,
  period: (from: string, to: string, n: number) => `Pré-incubation suivie du ${from} au ${to} (${weeks(n)}).`,
  notStarted: 'Le point hebdomadaire n’a pas encore commencé : pas encore de semaine à montrer.',
  notesIncluded:
    'Ce dossier contient les notes des coachs. Elles sont personnelles : ne le transmettez qu’aux membres du comité.',
  notesLeftOut:
    'Les notes des coachs ne figurent pas dans ce dossier (sur demande d’un responsable du programme seulement).',
  projects: 'Projets',
  projectsCount: (n: number) => count('fr', n, 'projet', 'projets'),
  problem: 'Problème',
  state: 'État',
  decidedOn: (state: string, date: string) => `${state} (décision du ${date})`,
  coach: 'Coach',
  intrapreneurs: 'Intrapreneurs',
  manager: (name: string) => `Manager : ${name}.`,
  minimum: (n: number, individual: boolean) =>
    `Minimum : ${days(n)} libéré${n >= 2 ? 's' : ''} par semaine${individual ? ' (aménagement individuel)' : ''}.`,
  noIntrapreneur: 'Aucun intrapreneur dans ce projet.',
  figures: {
    title: (name: string) => `Chiffres ${de(name)}`,
    caption: (name: string) => `Chiffres ${de(name)} sur la pré-incubation`,
    what: 'Indicateur',
    value: 'Valeur',
    asked: 'Semaines interrogées',
    answered: 'Semaines avec réponse',
    exempt: 'Semaines exemptées',
    exemptDetail: (leave: number, closed: number) =>
      `${formatNumber('fr', leave + closed)} (congés : ${leave}, fermeture : ${closed})`,
    releasedDays: 'Jours libérés déclarés',
    honoured: 'Semaines où le jour libéré est respecté',
    missed: 'Semaines sous le minimum',
    noAnswer: 'Semaines sans réponse (après rappel)',
    coachingHeld: 'Points de coaching tenus',
    coachingDetail: (held: number, answered: number, logged: number) =>
      `${formatNumber('fr', held)} (réponse « oui » : ${answered}, séance enregistrée : ${logged})`,
    coachingMissed: 'Semaines sans point de coaching',
    alerts: 'Alertes levées',
    sessions: 'Séances de coaching enregistrées',
    sessionsDetail: (n: number, duration: string | undefined) =>
      duration ? `${formatNumber('fr', n)} (${duration} au total)` : formatNumber('fr', n),
  },
  chart: {
    title: (name: string) => `Jours libérés semaine par semaine — ${name}`,
    summary: (released: number, counted: number, minimum: number) =>
      `${count('fr', released, 'jour libéré', 'jours libérés')} sur ${count('fr', counted, 'semaine comptée', 'semaines comptées')} ; minimum ${days(minimum)} par semaine. Le détail de chaque semaine suit dans le tableau.`,
    minimum: (n: number) => `minimum ${formatNumber('fr', n)}`,
    leave: 'C',
    closed: 'F',
    noAnswer: '?',
    key: 'C : congés ; F : fermeture ; ? : sans réponse ; — : non interrogé.',
  },
  weeks: {
    caption: (name: string) => `Semaine par semaine — ${name}`,
    week: 'Semaine',
    release: 'Jour libéré',
    coaching: 'Point de coaching',
    alerts: 'Alertes',
    none: '—',
    /** Between two alerts of the same week. */
    between: ' ; ',
  },
  alerts: {
    title: 'Alertes levées',
    none: 'Aucune alerte levée.',
  },
  sessions: {
    title: 'Séances de coaching',
    caption: (name: string) => `Séances de coaching ${de(name)}`,
    none: 'Aucune séance enregistrée.',
    date: 'Date',
    duration: 'Durée',
    loggedBy: 'Enregistrée par',
    notes: 'Notes du coach',
    noDuration: 'non précisée',
  },
  page: {
    notesOption: 'Inclure les notes des coachs',
    notesHint: 'Réservé aux responsables du programme ; le dossier l’indique en première page.',
    update: 'Afficher',
    pdf: 'Télécharger le dossier (PDF)',
    pdfDetail: 'PDF – une page par projet, à joindre à l’ordre du jour du comité',
    all: 'Tous les projets',
    open: (project: string) => `Dossier du comité : ${project}`,
    openAll: 'Dossier du comité stratégique, tous les projets',
    openAllDetail: 'une page par projet, imprimable, et son PDF',
    back: 'Retour au tableau de bord',
    notFound: 'Projet inconnu',
    notFoundBody: (project: string) =>
      `Aucun projet « ${project} » dans ce programme. Revenez au tableau de bord pour choisir un projet.`,
  },
  pdf: {
    /** The downloaded file's name, before the project's id. */
    file: 'dossier-comite',
    subject: 'Dossier du comité stratégique : chiffres de la pré-incubation par projet',
    page: (n: number, total: number) => `Page ${n} sur ${total}`,
    footer: (programme: string) => `${programme} — dossier du comité stratégique`,
  },
  /** `/phase <project>`, for an owner. */
  phaseLink: (url: string) => `Dossier du comité (lien personnel, valable 24 heures) : ${url}`,
};
