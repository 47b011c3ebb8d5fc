// What only e-mail shows: the mails' own words (links instead of buttons), the check-in page their links open, and
// the start-up sentences an administrator reads when the mail server refuses the bot.

export const email = {
  prompt: {
    intro: (name: string) =>
      `Bonjour ${name}, deux questions sur votre semaine. Choisissez une réponse : une page s’ouvre pour la confirmer, et vous pourrez ensuite la corriger ou ajouter un commentaire.`,
    /** The text of each link: whole words, as a screen reader lists the links of a message out of their context. */
    release: {
      0: 'Aucun jour',
      0.5: 'Une demi-journée (½)',
      1: 'Un jour',
      1.5: 'Un jour et demi (1½)',
      2: 'Deux jours ou plus',
      leave: 'J’étais en congés',
    } as Record<string, string>,
    coaching: { yes: 'Oui, il a eu lieu', no: 'Non' },
    open: 'Ouvrir mon point hebdomadaire',
    personal:
      'Ces liens sont personnels : ne transférez pas ce message. Ils fonctionnent jusqu’à l’évaluation de la semaine.',
  },
  reminder: {
    subjectPrefix: 'Re: ',
    body: (name: string, week: string) =>
      `Bonjour ${name}, petit rappel : nous n’avons pas encore votre réponse pour la ${week}. Deux clics suffisent : choisissez une réponse ci-dessous, puis confirmez-la.`,
  },
  alert: {
    subject: (title: string, who: string) => `${title} — ${who}`,
    why: {
      manager:
        'Vous recevez cette alerte parce que vous êtes indiqué(e) comme manager de cette personne : le programme prévoit qu’elle soit libérée de ses tâches habituelles chaque semaine pour son projet.',
      coach: 'Vous recevez cette alerte parce que vous accompagnez cette personne comme coach.',
      owner: 'Vous recevez cette alerte comme responsable du programme.',
    },
  },
  dashboard: {
    open: 'Ouvrir le tableau de bord',
    until: (until: string) =>
      `Lien personnel, valable jusqu’au ${until} : ne le transférez pas, il donne accès aux réponses de toute la promotion.`,
    subject: 'Votre lien vers le tableau de bord du programme',
  },
  footer: (programme: string, organisation: string) =>
    `Message automatique du programme « ${programme} » (${organisation}). Vos réponses s’enregistrent par les liens de ce message, pas en y répondant.`,
  page: {
    whose: (name: string) => `Intrapreneur : ${name}`,
    confirmLead: 'Vérifiez votre réponse, puis confirmez-la : rien n’est enregistré avant.',
    changeLead: 'Vous pouvez corriger votre réponse ou ajouter un commentaire, puis enregistrer.',
    confirm: 'Confirmer',
    save: 'Enregistrer',
    saved: 'Votre réponse est enregistrée.',
    unchanged: 'Rien n’a changé : votre réponse était déjà enregistrée ainsi.',
    commentLabel: 'Commentaire (facultatif)',
    commentHint:
      'Ce qui a aidé ou empêché votre journée libérée, votre point de coaching… Laissez vide pour l’effacer.',
    noAnswer: 'Pas de réponse',
    askOwners: 'Pour toute question, écrivez à un responsable du programme :',
    refused: {
      malformed: {
        title: 'Lien incomplet',
        body: 'Ce lien est incomplet ou abîmé : votre messagerie l’a peut-être coupé. Ouvrez-le depuis le message reçu, ou copiez-le en entier. Rien n’a été enregistré.',
      },
      forged: {
        title: 'Lien non valide',
        body: 'Ce lien n’a pas été créé par le bot de ce programme, ou il a été modifié. Ouvrez-le depuis le message reçu. Rien n’a été enregistré.',
      },
      expired: {
        title: 'Lien expiré',
        body: 'Ce lien a expiré. Utilisez les liens du message le plus récent. Rien n’a été enregistré.',
      },
      removed: {
        title: 'Lien plus valable',
        body: 'Ce lien ne fonctionne plus : vous ne faites plus partie des intrapreneurs suivis par ce programme. Rien n’a été enregistré.',
      },
      closed: {
        title: 'Semaine close',
        body: (week: string) =>
          `La ${week} a été évaluée : sa réponse ne peut plus être modifiée par ce lien. Un responsable du programme peut encore la corriger pour vous.`,
      },
      form: {
        title: 'Page expirée',
        body: 'Cette page a expiré ou n’a pas été envoyée depuis le bot. Rien n’a été enregistré : rouvrez le lien du message, puis confirmez de nouveau.',
      },
      badForm: {
        title: 'Réponse non comprise',
        body: 'Rien n’a été enregistré : choisissez une des réponses proposées.',
      },
    },
  },
  start: {
    notConfigured:
      'SMTP_URL n’est pas défini : indiquez le serveur d’e-mail, par ex. smtp://utilisateur:mot-de-passe@smtp.region.example:587.',
    unreachable: (server: string, cause: string) =>
      `Le serveur d’e-mail ${server} est injoignable (${cause}). Vérifiez l’hôte et le port de SMTP_URL, et que ce serveur accepte les connexions depuis le bot.`,
    tls: (server: string, cause: string) =>
      `La connexion chiffrée au serveur d’e-mail ${server} a échoué (${cause}). Vérifiez le certificat du serveur, ou le schéma de SMTP_URL : smtp:// pour le port 587 (STARTTLS), smtps:// pour le port 465.`,
    auth: (server: string) =>
      `Le serveur d’e-mail ${server} refuse l’identifiant ou le mot de passe de SMTP_URL (smtp://utilisateur:mot-de-passe@serveur:587). Vérifiez-les ; un mot de passe qui contient @, : ou / s’écrit encodé (%40, %3A, %2F).`,
    authRequired: (server: string) =>
      `Le serveur d’e-mail ${server} demande une authentification : indiquez l’utilisateur et le mot de passe dans SMTP_URL (smtp://utilisateur:mot-de-passe@serveur:587).`,
    refused: (server: string, reply: string) => `Le serveur d’e-mail ${server} refuse le bot : ${reply}`,
    loopbackPublicUrl: (url: string) =>
      `PUBLIC_URL vaut ${url} : les liens des e-mails ne s’ouvriront que sur cette machine. Indiquez l’adresse publique du bot.`,
  },
};
