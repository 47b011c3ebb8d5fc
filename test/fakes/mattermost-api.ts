// The API v4 routes of the local Mattermost (mattermost-server.ts), keyed by the vendor's path templates, with the
// permission checks and error bodies of the real server.
import { randomBytes } from 'node:crypto';
import type { ApiRequest } from './mattermost-openapi.ts';
import type {
  FakeChannel,
  FakeCommand,
  FakeMattermost,
  FakePost,
  FakeUser,
  OpenDialog,
} from './mattermost-server.ts';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
  ) {
    super(message);
  }
}

export const newId = (): string =>
  Array.from(randomBytes(26), (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');

/** `MaxPostSize`: a post's message, in runes (code points), as Mattermost 5.0 and later count it. */
export const MAX_POST_RUNES = 16_383;

export const runes = (text: string): number => [...text].length;

/** What `Post.IsValid` answers for a message past the limit: refused, never truncated. */
function checkMessageLength(mm: FakeMattermost, via: string, message: string | undefined): void {
  if (message === undefined || runes(message) <= MAX_POST_RUNES) return;
  mm.refused.push({ via, runes: runes(message) });
  throw new HttpError(
    400,
    'model.post.is_valid.message_length.app_error',
    'Post Message property is longer than the maximum permitted length.',
  );
}

/** The server's answer when the caller lacks a permission. */
const forbidden = () =>
  new HttpError(403, 'api.context.permissions.app_error', 'You do not have the appropriate permissions.');

export type Handler = (
  request: ApiRequest & { caller: FakeUser; params: Record<string, string> },
) => [number, unknown];

export function apiRoutes(mm: FakeMattermost): Record<string, Handler> {
  return {
    'GET /api/v4/users/{user_id}': ({ caller, params }) => {
      const user = params.user_id === 'me' ? caller : mm.users.get(params.user_id ?? '');
      if (!user) throw new HttpError(404, 'app.user.missing_account.const', 'Unable to find the user.');
      return [200, profile(mm, user, caller)];
    },
    'GET /api/v4/users/username/{username}': ({ caller, params }) => {
      const user = [...mm.users.values()].find((u) => u.username === params.username?.toLowerCase());
      if (!user)
        throw new HttpError(
          404,
          'app.user.get_by_username.app_error',
          'Unable to find an existing account matching your username for this team.',
        );
      return [200, profile(mm, user, caller)];
    },
    'GET /api/v4/users/email/{email}': ({ caller, params }) => {
      if (!mm.showEmailAddress && !isAdmin(caller)) {
        throw new HttpError(
          403,
          'api.user.get_user_by_email.permissions.app_error',
          'Unable to get user by email.',
        );
      }
      const email = decodeURIComponent(params.email ?? '').toLowerCase();
      const user = [...mm.users.values()].find((u) => u.email === email);
      if (!user) throw new HttpError(404, 'app.user.missing_account.const', 'Unable to find the user.');
      return [200, profile(mm, user, caller)];
    },
    'GET /api/v4/users/{user_id}/teams': ({ caller, params }) => {
      const user = params.user_id === 'me' ? caller : mm.users.get(params.user_id ?? '');
      const teams = [...mm.teams.values()].filter((t) => user && t.members.has(user.id));
      return [200, teams.map(teamJson)];
    },
    'GET /api/v4/teams/name/{name}': ({ caller, params }) => {
      const team = [...mm.teams.values()].find((t) => t.name === params.name);
      if (!team)
        throw new HttpError(
          404,
          'app.team.get_by_name.missing.app_error',
          'Unable to find the existing team.',
        );
      if (!team.members.has(caller.id)) throw forbidden();
      return [200, teamJson(team)];
    },
    'GET /api/v4/commands': ({ caller, query }) => {
      const teamId = query.get('team_id') ?? '';
      if (query.get('custom_only') !== 'true') return [200, []];
      mayManageCommands(mm, caller);
      return [200, [...mm.commands.values()].filter((c) => c.team_id === teamId)];
    },
    'POST /api/v4/commands': ({ caller, body }) => {
      mayManageCommands(mm, caller);
      const command = JSON.parse(body) as FakeCommand;
      const trigger = String(command.trigger ?? '').toLowerCase();
      if (
        !/^[^/\s][^\s]{0,127}$/.test(trigger) ||
        !/^https?:\/\//.test(command.url) ||
        !['P', 'G'].includes(command.method)
      ) {
        throw new HttpError(400, 'model.command.is_valid.app_error', 'Invalid command.');
      }
      if ([...mm.commands.values()].some((c) => c.team_id === command.team_id && c.trigger === trigger)) {
        throw new HttpError(
          400,
          'api.command.duplicate_trigger.app_error',
          'This trigger word is already in use.',
        );
      }
      const created: FakeCommand = {
        ...command,
        trigger,
        id: newId(),
        token: newId(),
        creator_id: caller.id,
        create_at: Date.now(),
        update_at: Date.now(),
        delete_at: 0,
      };
      mm.commands.set(created.id, created);
      return [201, created];
    },
    'PUT /api/v4/commands/{command_id}': ({ caller, body, params }) => {
      mayManageCommands(mm, caller);
      const old = mm.commands.get(params.command_id ?? '');
      if (!old)
        throw new HttpError(404, 'store.sql_command.get.missing.app_error', 'Command does not exist.');
      const update = JSON.parse(body) as FakeCommand;
      if (update.id !== old.id)
        throw new HttpError(
          400,
          'api.context.invalid_body_param.app_error',
          'Invalid or missing id in request body.',
        );
      if (update.team_id !== old.team_id)
        throw new HttpError(
          400,
          'api.command.team_mismatch.app_error',
          'Unable to update commands across teams.',
        );
      if (old.creator_id !== caller.id && !isAdmin(caller))
        throw new HttpError(
          403,
          'api.command.update.app_error',
          'You do not have the appropriate permissions.',
        );
      const updated = {
        ...update,
        id: old.id,
        token: old.token,
        creator_id: old.creator_id,
        create_at: old.create_at,
        update_at: Date.now(),
      };
      mm.commands.set(old.id, updated);
      return [200, updated];
    },
    'POST /api/v4/channels/direct': ({ caller, body }) => {
      const ids = JSON.parse(body) as string[];
      if (!ids.includes(caller.id)) throw forbidden();
      const users = ids.map((id) => mm.users.get(id));
      if (users.some((u) => !u))
        throw new HttpError(
          400,
          'api.context.invalid_url_param.app_error',
          'Invalid or missing user_id parameter.',
        );
      const [a, b] = users as [FakeUser, FakeUser];
      let channel = mm.directChannel(a, b);
      if (!channel) {
        channel = {
          id: newId(),
          team_id: '',
          type: 'D',
          name: directChannelKey(a, b),
          display_name: '',
          members: new Set(ids),
        };
        mm.channels.set(channel.id, channel);
      }
      return [201, channelJson(channel)];
    },
    'GET /api/v4/teams/{team_id}/channels/name/{channel_name}': ({ caller, params }) => {
      const channel = [...mm.channels.values()].find(
        (c) => c.team_id === params.team_id && c.name === params.channel_name,
      );
      if (!channel || (channel.type === 'P' && !channel.members.has(caller.id))) {
        throw new HttpError(404, 'app.channel.get_by_name.missing.app_error', 'Channel does not exist.');
      }
      return [200, channelJson(channel)];
    },
    'GET /api/v4/channels/{channel_id}/members/{user_id}': ({ params }) => {
      const channel = mm.channels.get(params.channel_id ?? '');
      if (!channel?.members.has(params.user_id ?? ''))
        throw new HttpError(
          404,
          'app.channel.get_member.missing.app_error',
          'No channel member found for that user ID and channel ID.',
        );
      return [200, { channel_id: channel.id, user_id: params.user_id, roles: 'channel_user' }];
    },
    'POST /api/v4/channels/{channel_id}/members': ({ caller, body, params }) => {
      const channel = mm.channels.get(params.channel_id ?? '');
      const { user_id } = JSON.parse(body) as { user_id: string };
      if (!channel)
        throw new HttpError(
          404,
          'app.channel.get.existing.app_error',
          'Unable to find the existing channel.',
        );
      if (channel.type !== 'O' && !channel.members.has(caller.id)) throw forbidden();
      channel.members.add(user_id);
      return [201, { channel_id: channel.id, user_id, roles: 'channel_user' }];
    },
    'POST /api/v4/posts': ({ caller, body }) => {
      const input = JSON.parse(body) as {
        channel_id: string;
        message: string;
        props?: Record<string, unknown>;
      };
      const channel = mm.channels.get(input.channel_id);
      if (!channel?.members.has(caller.id)) throw forbidden();
      checkMessageLength(mm, 'POST /api/v4/posts', input.message);
      checkAttachments(mm, input.props);
      const now = Date.now() + mm.posts.size;
      const post: FakePost = {
        id: newId(),
        channel_id: channel.id,
        user_id: caller.id,
        message: input.message,
        props: { ...(input.props ?? {}), ...(caller.is_bot ? { from_bot: 'true' } : {}) },
        create_at: now,
        update_at: now,
        edit_at: 0,
        delete_at: 0,
      };
      mm.posts.set(post.id, post);
      return [201, postJson(post)];
    },
    'GET /api/v4/channels/{channel_id}/posts': ({ caller, params, query }) => {
      const channel = mm.channels.get(params.channel_id ?? '');
      if (!channel?.members.has(caller.id)) throw forbidden();
      const perPage = Math.min(Number(query.get('per_page') ?? 60), 200);
      const page = Number(query.get('page') ?? 0);
      const posts = mm
        .postsIn(channel.id)
        .reverse()
        .slice(page * perPage, (page + 1) * perPage);
      return [
        200,
        {
          order: posts.map((p) => p.id),
          posts: Object.fromEntries(posts.map((p) => [p.id, postJson(p)])),
          next_post_id: '',
          prev_post_id: '',
        },
      ];
    },
    'GET /api/v4/posts/{post_id}': ({ caller, params }) => {
      const post = mm.posts.get(params.post_id ?? '');
      if (!post || !mm.channels.get(post.channel_id)?.members.has(caller.id))
        throw new HttpError(404, 'app.post.get.app_error', 'Unable to get the post.');
      return [200, postJson(post)];
    },
    'PUT /api/v4/posts/{post_id}/patch': ({ caller, params, body }) => {
      const post = mm.posts.get(params.post_id ?? '');
      if (!post) throw new HttpError(404, 'app.post.get.app_error', 'Unable to get the post.');
      if (post.user_id !== caller.id) throw forbidden();
      const patch = JSON.parse(body) as { message?: string; props?: Record<string, unknown> };
      checkMessageLength(mm, 'PUT /api/v4/posts/{post_id}/patch', patch.message);
      checkAttachments(mm, patch.props);
      if (patch.message !== undefined) post.message = patch.message;
      if (patch.props !== undefined) post.props = patch.props;
      post.edit_at = post.update_at = Date.now();
      return [200, postJson(post)];
    },
    'POST /api/v4/actions/dialogs/open': ({ body }) => {
      const request = JSON.parse(body) as { trigger_id: string; url: string; dialog: OpenDialog['dialog'] };
      const trigger = mm.triggers.get(request.trigger_id);
      if (!trigger)
        throw new HttpError(
          400,
          'interactive_message.decode_trigger_id.missing_data',
          'Trigger ID for interactive dialog is not valid.',
        );
      if (Date.now() - trigger.at > 30_000)
        throw new HttpError(
          400,
          'interactive_message.decode_trigger_id.expired',
          'Trigger ID for interactive dialog is expired.',
        );
      const d = request.dialog;
      const names = d.elements.map((e) => e.name);
      const labels = (d.elements as { display_name?: string }[]).map((e) => e.display_name ?? '');
      if (
        !request.url ||
        !d.title ||
        Buffer.byteLength(d.title) > 24 ||
        new Set(names).size !== names.length ||
        labels.some((l) => Buffer.byteLength(l) > 24)
      ) {
        mm.violations.push(`dialog is not valid: ${JSON.stringify(d)}`);
      }
      mm.dialogs.push({ userId: trigger.userId, channelId: '', url: request.url, dialog: d });
      return [200, { status: 'OK' }];
    },
  };
}

function mayManageCommands(mm: FakeMattermost, caller: FakeUser): void {
  if (!isAdmin(caller) && !mm.commandManagers.has(caller.id)) {
    throw forbidden();
  }
}

/** Mattermost routes clicks by action id (`[A-Za-z0-9]+`) and calls the integration's URL. */
function checkAttachments(mm: FakeMattermost, props: Record<string, unknown> | undefined): void {
  for (const attachment of (props?.attachments ?? []) as { actions?: Record<string, unknown>[] }[]) {
    for (const action of attachment.actions ?? []) {
      const integration = action.integration as { url?: string } | undefined;
      if (!/^[A-Za-z0-9]+$/.test(String(action.id)))
        mm.violations.push(`action id "${String(action.id)}" is not alphanumeric`);
      if (!action.name) mm.violations.push('an action has no name');
      if (!/^https?:\/\//.test(integration?.url ?? ''))
        mm.violations.push(`action ${String(action.id)} has no integration URL`);
      if (
        action.style &&
        !['default', 'primary', 'success', 'good', 'warning', 'danger'].includes(String(action.style))
      ) {
        mm.violations.push(`action style "${String(action.style)}" is not one Mattermost knows`);
      }
    }
  }
}

/** What the caller may see of a user: e-mail addresses only with ShowEmailAddress, or for oneself and admins. */
function profile(mm: FakeMattermost, user: FakeUser, caller: FakeUser): Record<string, unknown> {
  const showEmail = mm.showEmailAddress || isAdmin(caller) || user.id === caller.id;
  return { ...user, email: showEmail ? user.email : '', auth_service: '', props: {}, notify_props: {} };
}

export function directChannelKey(a: FakeUser, b: FakeUser): string {
  return [a.id, b.id].sort().join('__');
}

function isAdmin(user: FakeUser): boolean {
  return user.roles.split(' ').includes('system_admin');
}

function teamJson(team: { id: string; name: string; display_name: string }) {
  return {
    id: team.id,
    name: team.name,
    display_name: team.display_name,
    type: 'O',
    delete_at: 0,
    create_at: 0,
    update_at: 0,
  };
}

function channelJson(c: FakeChannel) {
  return {
    id: c.id,
    team_id: c.team_id,
    type: c.type,
    name: c.name,
    display_name: c.display_name,
    delete_at: 0,
  };
}

export function postJson(p: FakePost) {
  const { ephemeralFor: _, ...post } = p;
  return { ...post, root_id: '', original_id: '', type: '', hashtags: '', file_ids: [], metadata: {} };
}
