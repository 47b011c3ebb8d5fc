// The sandbox page: a small chat workspace in the browser, for trying the bot without Slack or Mattermost.
import { count } from '../plural.ts';

const n = (value: number, one: string, many: string) => count('fr', value, one, many);

export const sandbox = {
  title: 'Bac à sable',
  nav: 'Bac à sable',
  intro:
    'Le bot tourne ici sans Slack ni Mattermost : ses messages s’affichent sur cette page. Choisissez qui vous êtes, répondez au point hebdomadaire, tapez des commandes, et, en tant que responsable, lancez à la main les envois de la semaine.',
  steps: [
    'En tant que responsable, envoyez le point hebdomadaire de la semaine.',
    'En tant qu’intrapreneur, répondez en deux clics ; en tant que coach, tapez /coaching log @alice 45min revue du POC.',
    'En tant que responsable, une fois la semaine finie, envoyez les rappels, puis évaluez-la : les alertes arrivent, le tableau de bord change.',
  ],
  chooseTitle: 'Qui êtes-vous ?',
  roles: {
    owner: 'Responsable du programme',
    coach: 'Coach',
    intrapreneur: 'Intrapreneur',
    manager: 'Manager',
    other: 'Autre',
  },
  as: (name: string) => `Vous êtes ${name}`,
  switchProgramme: (name: string) => `Passer à ${name}`,
  switchLabel: 'Changer de personne',
  switchButton: 'Voir la page de cette personne',
  onlyYou: 'Visible par vous seul',
  messagesTitle: (count: number) => `Messages directs de coaching-bot (${count})`,
  noMessages: 'Aucun message du bot pour le moment.',
  newestFirst: 'Les plus récents en premier.',
  bot: 'APPLI',
  closed: 'Semaine évaluée : pour corriger une réponse, adressez-vous au responsable du programme.',
  saveComment: 'Enregistrer le commentaire',
  openCheckin: 'Répondre maintenant',
  openDashboard: 'Ouvrir le tableau de bord',
  unknownPerson:
    'Personne inconnue dans ce programme : choisissez quelqu’un sur la page d’accueil du bac à sable.',
  badForm: 'Formulaire incomplet : rechargez la page et réessayez.',
  localOnly:
    'Le bac à sable ne répond qu’aux requêtes faites depuis cette machine : ouvrez-le dans un navigateur sur le serveur du bot.',
  command: {
    title: 'Commandes',
    label: 'Tapez une commande, comme dans Slack ou Mattermost',
    hint: '/coaching, /phase ou /checkin ; la réponse n’est visible que par vous.',
    send: 'Envoyer',
    examples: 'Par exemple :',
    unknown: 'Commandes disponibles : /coaching, /phase et /checkin (par exemple /coaching help).',
  },
  owner: {
    title: 'Jouer une semaine',
    intro:
      'Ces boutons lancent à la main ce que le planificateur fait chaque semaine (vendredi, lundi, mardi) : le point hebdomadaire dès que la semaine a commencé, les rappels et l’évaluation une fois qu’elle est finie. Les relancer n’envoie jamais deux fois le même message.',
    week: 'Semaine',
    prompt: 'Envoyer le point hebdomadaire',
    reminder: 'Envoyer les rappels',
    evaluate: 'Évaluer la semaine',
    dashboard: 'Ouvrir le tableau de bord',
    noWeek: 'Aucune semaine de suivi n’a encore commencé.',
    ownersOnly: 'Seuls les responsables du programme peuvent lancer ces envois.',
    prompted: (week: string, added: number, sent: number, total: number) =>
      added === 0
        ? `Point hebdomadaire de la ${week} : déjà envoyé aux ${total} intrapreneurs, rien de plus à envoyer.`
        : `Point hebdomadaire de la ${week} : ${n(sent, 'message envoyé', 'messages envoyés')} (${n(total, 'intrapreneur', 'intrapreneurs')}).`,
    reminded: (week: string, added: number, sent: number) =>
      added === 0
        ? `Rappels de la ${week} : personne de plus à relancer.`
        : `Rappels de la ${week} : ${n(sent, 'rappel envoyé', 'rappels envoyés')}.`,
    evaluated: (week: string, alerts: number, sent: number, due: number) =>
      `${week[0]?.toUpperCase()}${week.slice(1)} évaluée : ${n(alerts, 'alerte', 'alertes')}, ${n(sent, 'message envoyé', 'messages envoyés')} sur ${due} (alertes et synthèse).`,
    notAsked: (week: string) =>
      `Personne n’a reçu le point hebdomadaire de la ${week} : rien à évaluer. Envoyez-le d’abord.`,
    exempt: (week: string) => `La ${week} n’est pas suivie (hors période ou fermeture) : rien à évaluer.`,
    outsideWindow: (week: string) =>
      `La ${week} est hors de la période du point hebdomadaire : rien à envoyer.`,
    break: (week: string) => `La ${week} est une semaine de fermeture : rien à envoyer.`,
  },
  started: (url: string) => `Bac à sable : ouvrez ${url}/ dans votre navigateur.`,
};
