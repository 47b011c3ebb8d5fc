// The people of the local Slack workspace, seen from the bot: what Slack sends to the app when someone types a
// slash command, clicks a button or submits a modal. Over HTTP, each request is signed exactly as Slack signs it
// (`v0=` + HMAC-SHA256 of `v0:{timestamp}:{raw body}`, form-encoded with that exact content type); in Socket Mode
// the same payload travels in an envelope over the app's WebSocket.
import { createHmac } from 'node:crypto';
import {
  type Block,
  BOT,
  type FakeEphemeral,
  type FakeMessage,
  type FakeSlack,
  TEAM,
} from './slack-server.ts';

export interface SlackReply {
  status: number;
  body: string;
}

export interface SignOptions {
  /** Seconds since the epoch written in the request; now by default. */
  timestamp?: number;
  /** The timestamp header as sent, when it is not `timestamp` written in decimal (the signature covers `timestamp`). */
  timestampHeader?: string;
  /** Sign with this secret instead of the app's. */
  secret?: string;
  /** Send no signature at all. */
  unsigned?: boolean;
}

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** The headers Slack sends with `body`. */
export function signedHeaders(
  body: string,
  signingSecret: string,
  options: SignOptions = {},
): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (!options.unsigned) {
    headers['x-slack-request-timestamp'] = options.timestampHeader ?? String(timestamp);
    headers['x-slack-signature'] = slackSignature(options.secret ?? signingSecret, timestamp, body);
  }
  return headers;
}

export async function postTo(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<SlackReply> {
  const response = await fetch(url, { method: 'POST', headers, body });
  return { status: response.status, body: await response.text() };
}

export function signedPost(
  url: string,
  body: string,
  signingSecret: string,
  options: SignOptions = {},
): Promise<SlackReply> {
  return postTo(url, body, signedHeaders(body, signingSecret, options));
}

/** One request as Slack signed it, which a test may send again (a replay) with extra headers (a retry's). */
export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
  send(extra?: Record<string, string>): Promise<SlackReply>;
}

/** Where the workspace sends what people do: the app's request URL, or its Socket Mode connection. */
export type AppEndpoint = { url: string; signingSecret: string } | { socket: true };

const plainText = (block: Block): string[] => {
  const texts: string[] = [];
  if (block.text?.text) texts.push(block.text.text);
  for (const element of block.elements ?? [])
    if (element.text) texts.push(element.text?.text ?? element.text);
  for (const field of block.fields ?? []) texts.push(field.text);
  return texts;
};

/** Everything a person sees of a message: its notification text and its blocks ('' for no message). */
export function visibleText(message: { text: string; blocks: Block[] } | undefined): string {
  if (!message) return '';
  const shown = message.blocks.flatMap(plainText);
  return [message.text, ...shown].join('\n');
}

/** The buttons of a message, as a person sees them. */
export function buttons(message: { blocks: Block[] }): { block: Block; button: Block }[] {
  return message.blocks.flatMap((block) =>
    block.type === 'actions' ? (block.elements as Block[]).map((button) => ({ block, button })) : [],
  );
}

export class SlackWorkspace {
  constructor(
    readonly slack: FakeSlack,
    private readonly endpoint: AppEndpoint,
  ) {}

  /** What Slack would post for `payload`, signed once (HTTP mode only). */
  signed(
    kind: 'slash_commands' | 'interactive',
    payload: Record<string, unknown>,
    sign: SignOptions = {},
  ): SignedRequest {
    if ('socket' in this.endpoint) throw new Error('signed requests are for HTTP mode');
    const { url, signingSecret } = this.endpoint;
    const body =
      kind === 'slash_commands'
        ? new URLSearchParams(payload as Record<string, string>).toString()
        : new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const headers = signedHeaders(body, signingSecret, sign);
    return { body, headers, send: (extra = {}) => postTo(url, body, { ...headers, ...extra }) };
  }

  private async deliver(
    kind: 'slash_commands' | 'interactive',
    payload: Record<string, unknown>,
    sign: SignOptions = {},
  ): Promise<SlackReply> {
    if ('socket' in this.endpoint) {
      const ack = await this.slack.sendEnvelope(kind, payload);
      return { status: 200, body: JSON.stringify(ack) };
    }
    return this.signed(kind, payload, sign).send();
  }

  /** The form Slack posts for `/command text` typed by `userId` in a conversation. */
  commandPayload(userId: string, command: string, text: string): Record<string, string> {
    const user = this.slack.users.get(userId);
    const channel = this.slack.imOf(userId);
    return {
      token: 'deprecated-verification-token',
      team_id: TEAM.id,
      team_domain: TEAM.domain,
      channel_id: channel,
      channel_name: 'directmessage',
      user_id: userId,
      user_name: user?.email.split('@')[0] ?? 'someone',
      command,
      text,
      api_app_id: BOT.appId,
      is_enterprise_install: 'false',
      response_url: this.slack.issueResponseUrl({ user: userId, channel }),
      trigger_id: this.slack.issueTrigger(userId),
    };
  }

  command(userId: string, command: string, text = '', sign: SignOptions = {}): Promise<SlackReply> {
    return this.deliver('slash_commands', this.commandPayload(userId, command, text), sign);
  }

  /** Types a command and waits for the app's ephemeral answer. */
  async ask(userId: string, command: string, text = ''): Promise<FakeEphemeral> {
    const before = this.slack.ephemerals.filter((e) => e.user === userId).length;
    const reply = await this.command(userId, command, text);
    if (reply.status !== 200) throw new Error(`${command}: HTTP ${reply.status}`);
    await this.slack.until(
      () => this.slack.ephemerals.filter((e) => e.user === userId).length > before,
      `an answer to ${command}`,
    );
    return this.slack.ephemerals.filter((e) => e.user === userId)[before] as FakeEphemeral;
  }

  /** What Slack posts when `userId` clicks the button labelled `label` (in the block whose id starts with `block`). */
  clickPayload(
    userId: string,
    on: FakeMessage | FakeEphemeral,
    label: string,
    block?: string,
  ): Record<string, unknown> {
    const found = buttons(on).find(
      (b) =>
        b.button.text?.text === label && (block === undefined || String(b.block.block_id).startsWith(block)),
    );
    if (!found) throw new Error(`no button “${label}” in this message`);
    const user = this.slack.users.get(userId);
    const ephemeral = !('ts' in on);
    const channel = on.channel;
    const messageTs = ephemeral ? this.slack.nextTs() : on.ts;
    return {
      type: 'block_actions',
      user: { id: userId, username: user?.email.split('@')[0] ?? 'someone', team_id: TEAM.id },
      api_app_id: BOT.appId,
      token: 'deprecated-verification-token',
      container: { type: 'message', message_ts: messageTs, channel_id: channel, is_ephemeral: ephemeral },
      trigger_id: this.slack.issueTrigger(userId),
      team: { id: TEAM.id, domain: TEAM.domain },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: channel, name: 'directmessage' },
      ...(ephemeral
        ? {}
        : {
            message: {
              type: 'message',
              user: BOT.userId,
              bot_id: BOT.botId,
              ts: on.ts,
              text: on.text,
              blocks: on.blocks,
            },
          }),
      state: { values: {} },
      response_url: this.slack.issueResponseUrl({
        user: userId,
        channel,
        original: ephemeral ? { ephemeral: on as FakeEphemeral } : { message: on as FakeMessage },
      }),
      actions: [
        {
          action_id: found.button.action_id,
          block_id: found.block.block_id,
          text: found.button.text,
          value: found.button.value,
          type: 'button',
          action_ts: this.slack.nextTs(),
        },
      ],
    };
  }

  click(
    userId: string,
    on: FakeMessage | FakeEphemeral,
    label: string,
    options: { block?: string } & SignOptions = {},
  ): Promise<SlackReply> {
    return this.deliver('interactive', this.clickPayload(userId, on, label, options.block), options);
  }

  /** What Slack posts when `userId` submits an open modal with these input values (by block id). */
  submitPayload(userId: string, viewId: string, values: Record<string, string>): Record<string, unknown> {
    const opened = this.slack.views.get(viewId);
    if (!opened) throw new Error(`no view ${viewId}`);
    const inputs = (opened.view.blocks as Block[]).filter((b) => b.type === 'input');
    // Slack's client stops the typing at the input's `max_length`: a longer value can never be submitted.
    for (const b of inputs) {
      const max = (b.element as { max_length?: number }).max_length;
      const value = values[b.block_id];
      if (max !== undefined && value !== undefined && value.length > max) {
        throw new Error(`Slack lets nobody type more than ${max} characters in ${b.block_id}`);
      }
    }
    const state = Object.fromEntries(
      inputs.map((b) => [
        b.block_id,
        { [b.element.action_id]: { type: b.element.type, value: values[b.block_id] ?? null } },
      ]),
    );
    return {
      type: 'view_submission',
      team: { id: TEAM.id, domain: TEAM.domain },
      user: { id: userId, username: this.slack.users.get(userId)?.email.split('@')[0], team_id: TEAM.id },
      api_app_id: BOT.appId,
      token: 'deprecated-verification-token',
      trigger_id: this.slack.issueTrigger(userId),
      view: {
        ...opened.view,
        id: viewId,
        team_id: TEAM.id,
        app_id: BOT.appId,
        bot_id: BOT.botId,
        state: { values: state },
        hash: `${Date.now()}.hash`,
      },
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    };
  }

  submit(userId: string, viewId: string, values: Record<string, string>, sign: SignOptions = {}) {
    return this.deliver('interactive', this.submitPayload(userId, viewId, values), sign);
  }
}
