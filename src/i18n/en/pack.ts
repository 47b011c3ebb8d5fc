import type { pack as fr } from '../fr/pack.ts';
import { count, formatNumber } from '../plural.ts';

const days = (n: number) => count('en', n, 'day', 'days');
const weeks = (n: number) => count('en', n, 'week', 'weeks');

export const pack: typeof fr = {
  days,
  title: 'Strategic committee pack',
  projectTitle: (project: string) => `Strategic committee pack — ${project}`,
  purpose:
    'Presentation of the proofs of concept to the strategic committee, and selection of the viable projects that go on to incubation.',
  madeOn: (date: string) => `Pack made on ${date}.`,
  period: (from: string, to: string, n: number) =>
    `Pre-incubation followed from ${from} to ${to} (${weeks(n)}).`,
  notStarted: 'The weekly check-in has not started yet: no week to show so far.',
  notesIncluded:
    'This pack contains the coaches’ notes. They are personal: give it to the members of the committee only.',
  notesLeftOut: 'The coaches’ notes are left out of this pack (included only when a programme owner asks).',
  projects: 'Projects',
  projectsCount: (n: number) => count('en', n, 'project', 'projects'),
  problem: 'Problem',
  state: 'State',
  decidedOn: (state: string, date: string) => `${state} (decided on ${date})`,
  coach: 'Coach',
  intrapreneurs: 'Intrapreneurs',
  manager: (name: string) => `Manager: ${name}.`,
  minimum: (n: number, individual: boolean) =>
    `Minimum: ${days(n)} released a week${individual ? ' (individual arrangement)' : ''}.`,
  noIntrapreneur: 'No intrapreneur in this project.',
  figures: {
    title: (name: string) => `${name}’s figures`,
    caption: (name: string) => `${name}’s figures over the pre-incubation`,
    what: 'Indicator',
    value: 'Value',
    asked: 'Weeks asked',
    answered: 'Weeks answered',
    exempt: 'Weeks exempt',
    exemptDetail: (leave: number, closed: number) =>
      `${formatNumber('en', leave + closed)} (leave: ${leave}, closure: ${closed})`,
    releasedDays: 'Released days declared',
    honoured: 'Weeks with the released day met',
    missed: 'Weeks under the minimum',
    noAnswer: 'Weeks without an answer (after the reminder)',
    coachingHeld: 'Coaching points held',
    coachingDetail: (held: number, answered: number, logged: number) =>
      `${formatNumber('en', held)} (answered “yes”: ${answered}, session logged: ${logged})`,
    coachingMissed: 'Weeks without a coaching point',
    alerts: 'Alerts raised',
    sessions: 'Coaching sessions logged',
    sessionsDetail: (n: number, duration: string | undefined) =>
      duration ? `${formatNumber('en', n)} (${duration} in all)` : formatNumber('en', n),
  },
  chart: {
    title: (name: string) => `Released days week by week — ${name}`,
    summary: (released: number, counted: number, minimum: number) =>
      `${count('en', released, 'day', 'days')} released over ${count('en', counted, 'counted week', 'counted weeks')}; minimum ${days(minimum)} a week. The table below gives each week.`,
    minimum: (n: number) => `minimum ${formatNumber('en', n)}`,
    leave: 'L',
    closed: 'C',
    noAnswer: '?',
    key: 'L: leave; C: closure; ?: no answer; —: not asked.',
  },
  weeks: {
    caption: (name: string) => `Week by week — ${name}`,
    week: 'Week',
    release: 'Released day',
    coaching: 'Coaching point',
    alerts: 'Alerts',
    none: '—',
    /** Between two alerts of the same week. */
    between: '; ',
  },
  alerts: {
    title: 'Alerts raised',
    none: 'No alert raised.',
  },
  sessions: {
    title: 'Coaching sessions',
    caption: (name: string) => `${name}’s coaching sessions`,
    none: 'No session logged.',
    date: 'Date',
    duration: 'Duration',
    loggedBy: 'Logged by',
    notes: 'Coach’s notes',
    noDuration: 'not given',
  },
  page: {
    notesOption: 'Include the coaches’ notes',
    notesHint: 'For programme owners; the pack says so on its first page.',
    update: 'Show',
    pdf: 'Download the pack (PDF)',
    pdfDetail: 'PDF – one page per project, to attach to the committee’s agenda',
    all: 'All projects',
    open: (project: string) => `Committee pack: ${project}`,
    openAll: 'Strategic committee pack, all projects',
    openAllDetail: 'one page per project, printable, and its PDF',
    back: 'Back to the dashboard',
    notFound: 'Unknown project',
    notFoundBody: (project: string) =>
      `No project “${project}” in this programme. Go back to the dashboard to choose a project.`,
  },
  pdf: {
    file: 'committee-pack',
    subject: 'Strategic committee pack: the pre-incubation’s figures, project by project',
    page: (n: number, total: number) => `Page ${n} of ${total}`,
    footer: (programme: string) => `${programme} — strategic committee pack`,
  },
  phaseLink: (url: string) => `Committee pack (personal link, valid for 24 hours): ${url}`,
};
