// What the Mattermost adapter says: to users (check-in buttons, the comment dialog, refusals) and to the
// administrator who starts the bot (what to fix when Mattermost refuses it).

export const mattermost = {
  changeHint: 'Pour corriger, cliquez sur un autre choix.',
  notYourCheckin: 'Ce point hebdomadaire est adressé à quelqu’un d’autre : vous ne pouvez pas y répondre.',
  unavailable: 'Mattermost ne répond pas pour le moment : réessayez dans un instant.',
  unknownAccount: (username: string | undefined, id: string) =>
    `Je ne trouve pas le compte Mattermost ${username ? `@${username} (identifiant ${id})` : `d’identifiant ${id}`} : le serveur Mattermost ne le connaît pas, la commande n’a donc pas été exécutée. Si cela se reproduit, signalez-le au responsable du programme.`,
  commentNotText: 'Le commentaire doit être un texte.',
  // Mattermost limits a dialog's title and a field's label to 24 bytes.
  commentDialog: {
    title: 'Ajouter un commentaire',
    label: 'Commentaire',
    help: 'Laissez vide pour effacer le commentaire.',
    submit: 'Enregistrer',
  },
  commands: {
    coaching: {
      name: 'Coaching',
      description: 'Enregistrer une séance de coaching, voir l’historique',
      hint: 'log @intrapreneur [date] [durée] notes… | history [@intrapreneur] | help',
    },
    phase: {
      name: 'Phase',
      description: 'État des phases du programme, ou d’un projet',
      hint: '[projet]',
    },
    checkin: {
      name: 'Point hebdomadaire',
      description: 'Ouvrir le point hebdomadaire de la semaine',
      hint: '',
    },
  },
  start: {
    notConfigured:
      'MATTERMOST_URL et MATTERMOST_BOT_TOKEN ne sont pas définis : indiquez l’adresse du serveur Mattermost et le jeton du compte de bot.',
    unreachable: (url: string, cause: string) =>
      `Mattermost est injoignable à ${url} (${cause}). Vérifiez MATTERMOST_URL (par ex. https://chat.example.org, sans /api/v4) et que ce serveur est accessible depuis le bot.`,
    notMattermost: (url: string, status: number) =>
      `${url} ne répond pas comme un serveur Mattermost (GET /api/v4/users/me : ${status}). Vérifiez MATTERMOST_URL : l’adresse du serveur, sans /api/v4.`,
    badToken: (url: string) =>
      `Mattermost (${url}) refuse MATTERMOST_BOT_TOKEN : jeton inconnu, révoqué ou compte désactivé. Créez un jeton dans le menu principal → Intégrations → Comptes de bot, puis indiquez-le dans MATTERMOST_BOT_TOKEN.`,
    notBot: (username: string) =>
      `MATTERMOST_BOT_TOKEN appartient à @${username}, qui n’est pas un compte de bot. Créez un compte de bot (menu principal → Intégrations → Comptes de bot) et utilisez son jeton.`,
    refused: (what: string, status: number, message: string) =>
      `Mattermost a refusé ${what} (${status}${message ? ` : ${message}` : ''}).`,
    teamNotFound: (team: string, bot: string) =>
      `L’équipe « ${team} » (MATTERMOST_TEAM) est introuvable pour le bot @${bot} : indiquez le nom de l’équipe tel qu’il apparaît dans son adresse (https://chat.example.org/<équipe>) et ajoutez le bot à cette équipe.`,
    noTeam: (bot: string) =>
      `Le bot @${bot} n’est membre d’aucune équipe : ajoutez-le à l’équipe du programme et indiquez-la dans MATTERMOST_TEAM.`,
    severalTeams: (bot: string, teams: string) =>
      `Le bot @${bot} est membre de plusieurs équipes (${teams}) : indiquez dans MATTERMOST_TEAM celle où installer /coaching, /phase et /checkin.`,
    commandsDisabled:
      'Les commandes slash personnalisées sont désactivées sur ce serveur : activez « Enable Custom Slash Commands » (Console système → Intégrations → Gestion des intégrations).',
    commandsForbidden: (team: string, bot: string) =>
      `Le bot @${bot} n’a pas le droit de gérer les commandes slash de l’équipe « ${team} » : nommez-le administrateur de l’équipe (Console système → Gestion des utilisateurs → Équipes), ou donnez-lui le rôle System Admin.`,
    triggerTaken: (trigger: string, team: string, url: string) =>
      `La commande /${trigger} existe déjà dans l’équipe « ${team} », créée par un autre compte et pointant ailleurs : supprimez-la (Intégrations → Commandes slash), ou faites-la pointer vers ${url}.`,
  },
};
