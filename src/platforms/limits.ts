// What each platform accepts in one message, as its vendor documents it. Past one of these the platform refuses the
// whole message (Slack: `invalid_blocks`, `msg_too_long`; Mattermost: 400 `message_length`), so every renderer
// builds within them (src/render/fit.ts), and a refusal of a message's shape is retried once as plain text.

/** Slack: https://docs.slack.dev/reference/block-kit/blocks, and chat.postMessage's `text`. */
export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  contextText: 3000,
  buttonText: 75,
  /** Slack cuts a message's `text` past this (and may refuse it: `msg_too_long`). */
  text: 40_000,
  /** The plain text sent when Slack refused a message's shape: Slack's advice for a message read whole. */
  plainText: 4000,
} as const;

/** Mattermost: `MaxPostSize`, in runes, for a post, an update, a slash command's answer or an `ephemeral_text`. */
export const MATTERMOST_LIMITS = {
  message: 16_383,
} as const;

/** The sandbox page has no limit of its own: it fits messages as Mattermost would, so that it shows what people get. */
export const SANDBOX_LIMITS = {
  message: MATTERMOST_LIMITS.message,
} as const;
