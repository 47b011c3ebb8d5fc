// What only Slack shows: the check-in's Block Kit labels, the comment modal, and the start-up sentences an
// administrator reads when the app is misconfigured.

export const slack = {
  /** "semaine 48, du 23 au 27 novembre" → "Semaine 48 — du 23 au 27 novembre" */
  weekTitle: (label: string) => {
    const [week = label, range] = label.split(', ');
    return range === undefined ? label : `${week.charAt(0).toUpperCase()}${week.slice(1)} — ${range}`;
  },
  checkinIntro: 'Votre point hebdomadaire. Chaque clic est enregistré tout de suite.',
  changeHint: 'Pour corriger, cliquez sur une autre réponse.',
  editComment: 'Modifier le commentaire',
  modal: {
    title: 'Commentaire',
    submit: 'Enregistrer',
    close: 'Annuler',
    label: (week: string) => `Votre commentaire sur la ${week}`,
    placeholder: 'Ce qui a aidé ou empêché votre journée libérée, votre point de coaching…',
    hint: 'Laissez vide pour effacer le commentaire.',
  },
  somethingWentWrong:
    'Une erreur est survenue de notre côté ; votre clic n’a pas été enregistré. Réessayez dans un instant.',
  commandFailed:
    'Une erreur est survenue de notre côté ; votre commande n’a pas abouti. Réessayez dans un instant.',
  commentFailed:
    'Une erreur est survenue de notre côté ; votre commentaire n’a pas été enregistré. Réessayez dans un instant.',
  startup: {
    notConfigured:
      'SLACK_BOT_TOKEN n’est pas défini : indiquez le « Bot User OAuth Token » (xoxb-…) de l’application.',
    invalidAuth:
      'Slack refuse SLACK_BOT_TOKEN (invalid_auth) : copiez le « Bot User OAuth Token » (xoxb-…) de la page « OAuth & Permissions » de l’application, après l’avoir installée dans l’espace de travail.',
    revoked: (code: string) =>
      `Slack refuse SLACK_BOT_TOKEN (${code}) : le jeton a été révoqué ou l’application désinstallée. Réinstallez l’application et copiez le nouveau « Bot User OAuth Token ».`,
    missingScope: (needed: string) =>
      `Il manque à l’application Slack la permission ${needed} : recréez l’application depuis manifest.yml ou ajoutez la permission, puis réinstallez-la.`,
    unreachable: (detail: string) =>
      `Impossible de joindre l’API Slack (${detail}) : vérifiez l’accès réseau du serveur, ou SLACK_API_URL si vous l’avez définie.`,
    appToken: (code: string) =>
      `Slack refuse SLACK_APP_TOKEN (${code}) : en Socket Mode, créez un jeton d’application (xapp-…) avec la permission connections:write dans « Basic Information → App-Level Tokens ».`,
  },
};
