// The local Mattermost's other role: what the server sends to an integration when a user types a slash command,
// clicks a button or submits a dialog — the same requests, headers and bodies as Mattermost, and the same handling
// of the answers (a post updated in place, an ephemeral line, a dialog error).
import { MAX_POST_RUNES, newId, runes } from './mattermost-api.ts';
import type { FakeMattermost, FakePost, FakeUser } from './mattermost-server.ts';

export interface Action {
  id: string;
  name: string;
  style?: string;
  integration: { url: string; context: Record<string, unknown> };
}

interface Attachment {
  pretext?: string;
  title?: string;
  text?: string;
  fields?: { title?: string; value?: unknown }[];
  actions?: Action[];
}

/** Everything a person sees of a post: its text, its attachments and the labels of its buttons. */
export function visibleText(post: Pick<FakePost, 'message' | 'props'>): string {
  const parts = [post.message];
  for (const a of (post.props.attachments ?? []) as Attachment[]) {
    parts.push(a.pretext ?? '', a.title ?? '', a.text ?? '');
    for (const f of a.fields ?? []) parts.push(f.title ?? '', String(f.value ?? ''));
    parts.push((a.actions ?? []).map((b) => `[${b.name}]`).join(' '));
  }
  return parts.filter((p) => p !== '').join('\n');
}

export function actionsOf(post: Pick<FakePost, 'props'>): Action[] {
  return ((post.props.attachments ?? []) as Attachment[]).flatMap((a) => a.actions ?? []);
}

/** The messages between the bot and a user, oldest first. */
export function conversation(mm: FakeMattermost, bot: FakeUser, username: string): FakePost[] {
  const channel = mm.directChannel(bot, mm.user(username));
  return channel ? mm.postsIn(channel.id) : [];
}

export function channelPosts(mm: FakeMattermost, name: string): FakePost[] {
  const channel = [...mm.channels.values()].find((c) => c.name === name);
  return channel ? mm.postsIn(channel.id) : [];
}

export function ephemeralsFor(mm: FakeMattermost, username: string): FakePost[] {
  const user = mm.user(username);
  return mm.ephemerals.filter((p) => p.ephemeralFor === user.id);
}

function ephemeral(
  mm: FakeMattermost,
  user: FakeUser,
  channelId: string,
  message: string,
  props = {},
): FakePost {
  const post: FakePost = {
    id: newId(),
    channel_id: channelId,
    user_id: user.id,
    message,
    props,
    create_at: Date.now(),
    update_at: Date.now(),
    edit_at: 0,
    delete_at: 0,
    ephemeralFor: user.id,
  };
  mm.ephemerals.push(post);
  return post;
}

async function postJson(url: string, body: unknown): Promise<{ status: number; data: unknown }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let data: unknown = {};
  try {
    data = text === '' ? {} : JSON.parse(text);
  } catch {
    data = undefined;
  }
  return { status: res.status, data };
}

export interface SlashResult {
  status: number;
  /** The ephemeral answer the user sees, when the command succeeded. */
  post?: FakePost;
  response?: Record<string, unknown>;
}

/** A slash command as Mattermost posts it to the integration, which a test may send again (a replay). */
export interface CommandPost {
  body: string;
  send(): Promise<SlashResult>;
}

/** What Mattermost posts when a user types `/trigger text` in the team's town square; `token` forges another. */
export function commandPost(
  mm: FakeMattermost,
  username: string,
  line: string,
  options: { token?: string } = {},
): CommandPost | undefined {
  const user = mm.user(username);
  const [, trigger = '', text = ''] = /^\/(\S+)\s*([\s\S]*)$/.exec(line) ?? [];
  const team = [...mm.teams.values()].find((t) => t.members.has(user.id));
  const command = [...mm.commands.values()].find((c) => c.team_id === team?.id && c.trigger === trigger);
  if (!team || !command) return undefined;
  const channel = [...mm.channels.values()].find((c) => c.team_id === team.id && c.name === 'town-square');
  const token = options.token ?? command.token;
  const form = new URLSearchParams({
    token,
    team_id: team.id,
    team_domain: team.name,
    channel_id: channel?.id ?? '',
    channel_name: channel?.name ?? '',
    user_id: user.id,
    user_name: user.username,
    command: `/${trigger}`,
    text,
    trigger_id: mm.issueTrigger(user.id),
    response_url: `${mm.url}/hooks/commands/${newId()}`,
  });
  // Mattermost tells the integration which team members the text mentions.
  for (const [, name] of text.matchAll(/@([a-z0-9.\-_]+)/gi)) {
    const mentioned = [...mm.users.values()].find(
      (u) => u.username === name?.toLowerCase() && team.members.has(u.id),
    );
    if (mentioned) {
      form.append('user_mentions', mentioned.username);
      form.append('user_mentions_ids', mentioned.id);
    }
  }
  const body = form.toString();
  const send = async (): Promise<SlashResult> => {
    const res = await fetch(command.url, {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        Authorization: `Token ${token}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body,
    });
    const answered = await res.text();
    if (res.status !== 200) return { status: res.status };
    const isJson = (res.headers.get('content-type') ?? '').split(';')[0]?.trim() === 'application/json';
    const response = (isJson ? JSON.parse(answered) : { text: answered }) as Record<string, unknown>;
    if (response.response_type === 'in_channel') return { status: 200, response };
    const answer = String(response.text ?? '');
    if (runes(answer) > MAX_POST_RUNES) {
      // The answer is a post like any other: past the limit the server refuses it and the user sees an error.
      mm.refused.push({ via: `/${trigger}`, runes: runes(answer) });
      return { status: 200, response };
    }
    const attachments = response.attachments as unknown[] | undefined;
    // An answer with neither text nor attachments shows the user nothing.
    if (answer === '' && !attachments?.length) return { status: 200, response };
    const post = ephemeral(
      mm,
      user,
      channel?.id ?? '',
      String(response.text ?? ''),
      attachments ? { attachments } : {},
    );
    return { status: 200, response, post };
  };
  return { body, send };
}

/** A user types `/trigger text` in the team's town square. `token` replaces the command's own (a forgery). */
export async function slashCommand(
  mm: FakeMattermost,
  username: string,
  line: string,
  options: { token?: string } = {},
): Promise<SlashResult> {
  return (await commandPost(mm, username, line, options)?.send()) ?? { status: 404 };
}

export interface ClickResult {
  /** Whether Mattermost considers the action done; when not, the user sees "Unable to complete the action". */
  ok: boolean;
  status: number;
  /** The `ephemeral_text` the integration asked to show the user. */
  ephemeral?: string;
}

/** A button click as Mattermost posts it to the integration, which a test may send again (a replay). */
export interface ActionPost {
  send(): Promise<ClickResult>;
}

/** What Mattermost posts when a user clicks the button labelled `name` (in the attachment `index` when labels repeat). */
export function actionPost(
  mm: FakeMattermost,
  username: string,
  post: FakePost,
  name: string,
  index?: number,
): ActionPost {
  const user = mm.user(username);
  const stored = mm.posts.get(post.id);
  const shown = stored ?? mm.ephemerals.find((p) => p.id === post.id && p.ephemeralFor === user.id);
  const channel = mm.channels.get(post.channel_id);
  if (!shown || (stored && !channel?.members.has(user.id)))
    throw new Error(`${username} cannot see post ${post.id}`);
  const attachments = (shown.props.attachments ?? []) as Attachment[];
  const candidates = (index === undefined ? attachments : attachments.slice(index, index + 1)).flatMap(
    (a) => a.actions ?? [],
  );
  const action = candidates.find((a) => a.name === name);
  if (!action) throw new Error(`no button "${name}" on post ${post.id}`);
  const team = channel ? mm.teams.get(channel.team_id) : undefined;
  const request = {
    user_id: user.id,
    user_name: user.username,
    channel_id: shown.channel_id,
    channel_name: channel?.name ?? '',
    team_id: channel?.team_id ?? '',
    team_domain: team?.name ?? '',
    post_id: shown.id,
    trigger_id: mm.issueTrigger(user.id),
    type: 'button',
    data_source: '',
    context: action.integration.context,
  };
  const send = async (): Promise<ClickResult> => {
    if (!/^[A-Za-z0-9]+$/.test(action.id)) return { ok: false, status: 404 };
    const { status, data } = await postJson(action.integration.url, request);
    if (status !== 200 || data === undefined) return { ok: false, status };
    const response = data as {
      update?: { message?: string; props?: Record<string, unknown> };
      ephemeral_text?: string;
    };
    for (const [via, text] of [
      ['update', response.update?.message],
      ['ephemeral_text', response.ephemeral_text],
    ] as const) {
      if (text !== undefined && runes(text) > MAX_POST_RUNES) {
        mm.refused.push({ via, runes: runes(text) });
        return { ok: false, status: 400 };
      }
    }
    if (response.update) {
      // The server updates stored posts only: an ephemeral one cannot be found, and the action fails.
      if (!stored) return { ok: false, status: 400 };
      const retained = ['from_webhook', 'override_username', 'override_icon_url'].filter(
        (k) => k in stored.props,
      );
      if (response.update.message !== undefined) stored.message = response.update.message;
      if (response.update.props !== undefined) {
        stored.props = {
          ...response.update.props,
          ...Object.fromEntries(retained.map((k) => [k, stored.props[k]])),
        };
      }
      stored.edit_at = stored.update_at = Date.now();
    }
    if (response.ephemeral_text) ephemeral(mm, user, shown.channel_id, response.ephemeral_text);
    return { ok: true, status, ...(response.ephemeral_text ? { ephemeral: response.ephemeral_text } : {}) };
  };
  return { send };
}

/** A user clicks the button labelled `name` (in the attachment `index` when labels repeat) of a post. */
export async function click(
  mm: FakeMattermost,
  username: string,
  post: FakePost,
  name: string,
  index?: number,
): Promise<ClickResult> {
  return actionPost(mm, username, post, name, index).send();
}

/** The user submits (or cancels) the last dialog the integration opened for them. */
export async function submitDialog(
  mm: FakeMattermost,
  username: string,
  submission: Record<string, string>,
  options: { cancel?: boolean; state?: string } = {},
): Promise<{ status: number; error?: string; errors?: Record<string, string> }> {
  const user = mm.user(username);
  const index = mm.dialogs.map((d) => d.userId).lastIndexOf(user.id);
  const open = mm.dialogs[index];
  if (!open) throw new Error(`no dialog open for ${username}`);
  mm.dialogs.splice(index, 1);
  const { status, data } = await postJson(open.url, {
    type: 'dialog_submission',
    callback_id: open.dialog.callback_id ?? '',
    state: options.state ?? open.dialog.state ?? '',
    user_id: user.id,
    channel_id: open.channelId,
    team_id: '',
    submission: options.cancel ? {} : submission,
    cancelled: options.cancel === true,
  });
  const answer = (data ?? {}) as { error?: string; errors?: Record<string, string> };
  return { status, ...answer };
}
