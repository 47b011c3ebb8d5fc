// A local Mattermost for tests: the API v4 routes the bot calls, answered the way the real server answers them
// (status codes, `Content-Type: application/json` exactly, errors as `{id, message, status_code}`, 429 with
// `Retry-After`), each request checked against the vendor's OpenAPI description. It also plays the server's other
// role — sending slash commands, button clicks and dialog submissions to the bot (mattermost-integrations.ts).
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { apiRoutes, directChannelKey, HttpError, newId } from './mattermost-api.ts';
import { type ApiRequest, MattermostApi } from './mattermost-openapi.ts';

export interface FakeUser {
  id: string;
  username: string;
  email: string;
  first_name: string;
  last_name: string;
  nickname: string;
  locale: string;
  is_bot: boolean;
  roles: string;
  delete_at: number;
  create_at: number;
  update_at: number;
}

export interface FakeChannel {
  id: string;
  team_id: string;
  type: 'O' | 'P' | 'D';
  name: string;
  display_name: string;
  members: Set<string>;
}

export interface FakePost {
  id: string;
  channel_id: string;
  user_id: string;
  message: string;
  props: Record<string, unknown>;
  create_at: number;
  update_at: number;
  edit_at: number;
  delete_at: number;
  /** Shown to one user only, never stored by the server (slash command answers, `ephemeral_text`). */
  ephemeralFor?: string;
}

export interface FakeCommand {
  id: string;
  token: string;
  team_id: string;
  creator_id: string;
  trigger: string;
  method: string;
  url: string;
  [field: string]: unknown;
}

export interface OpenDialog {
  userId: string;
  channelId: string;
  url: string;
  dialog: {
    callback_id?: string;
    title: string;
    state?: string;
    elements: { name: string; default?: string }[];
  };
}

/**
 * A failure instead of the normal answer. `processed`: the server did the work (stored the post), then failed to say
 * so; `disconnect`: the connection drops without an answer, as when a proxy or the bot's time-out gives up.
 */
type Failure =
  | { status: 429; retryAfterSeconds: number }
  /** A refusal of the request itself (an invalid post), with the server's error id. */
  | { status: 400 | 413; id: string }
  | { status: 500 | 502 | 503; processed?: boolean }
  | { disconnect: true; processed?: boolean };

export class FakeMattermost {
  readonly api = new MattermostApi();
  readonly users = new Map<string, FakeUser>();
  readonly tokens = new Map<string, string>();
  readonly teams = new Map<
    string,
    { id: string; name: string; display_name: string; members: Set<string> }
  >();
  readonly channels = new Map<string, FakeChannel>();
  readonly posts = new Map<string, FakePost>();
  /** Posts shown to one user only (slash command answers, `ephemeral_text`): the server does not store them. */
  readonly ephemerals: FakePost[] = [];
  readonly commands = new Map<string, FakeCommand>();
  readonly dialogs: OpenDialog[] = [];
  /** Trigger ids handed to integrations: valid for 30 s, for their user (Mattermost signs them). */
  readonly triggers = new Map<string, { userId: string; at: number }>();
  /** Messages refused for their length (`MAX_POST_RUNES`): posts, updates, command answers, `ephemeral_text`. */
  readonly refused: { via: string; runes: number }[] = [];
  /** Requests that do not match the vendor's API description. A test fails when any is left. */
  readonly violations: string[] = [];
  readonly requests: string[] = [];
  /** PrivacySettings.ShowEmailAddress: when off, only system admins may look users up by e-mail. */
  showEmailAddress = true;
  /** Users allowed to manage the team's slash commands (team admins). */
  readonly commandManagers = new Set<string>();
  private failures: { route: string; failure: Failure }[] = [];
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.violations.push(`fake failed: ${String(error)}`);
        send(res, 500, { id: 'fake.internal', message: String(error), status_code: 500 });
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    return this;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.close(() => resolve());
      this.server?.closeAllConnections();
    });
  }

  addUser(fields: Partial<FakeUser> & { username: string }, token?: string): FakeUser {
    const user: FakeUser = {
      id: newId(),
      email: `${fields.username}@example.org`,
      first_name: '',
      last_name: '',
      nickname: '',
      locale: 'fr',
      is_bot: false,
      roles: 'system_user',
      delete_at: 0,
      create_at: Date.now(),
      update_at: Date.now(),
      ...fields,
    };
    this.users.set(user.id, user);
    if (token) this.tokens.set(token, user.id);
    return user;
  }

  addTeam(name: string, members: FakeUser[]): string {
    const id = newId();
    this.teams.set(id, { id, name, display_name: name, members: new Set(members.map((m) => m.id)) });
    this.addChannel(id, 'town-square', 'O', members);
    return id;
  }

  addChannel(teamId: string, name: string, type: 'O' | 'P' | 'D', members: FakeUser[]): FakeChannel {
    const channel: FakeChannel = {
      id: newId(),
      team_id: teamId,
      type,
      name,
      display_name: name,
      members: new Set(members.map((m) => m.id)),
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  user(username: string): FakeUser {
    const user = [...this.users.values()].find((u) => u.username === username);
    if (!user) throw new Error(`no user ${username}`);
    return user;
  }

  /** The next request to `METHOD /api/v4/...` (the documented template) fails this way, `times` times. */
  fail(route: string, failure: Failure, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push({ route, failure });
  }

  /** The bot's direct channel with a user, if it exists. */
  directChannel(a: FakeUser, b: FakeUser): FakeChannel | undefined {
    return [...this.channels.values()].find((c) => c.type === 'D' && c.name === directChannelKey(a, b));
  }

  postsIn(channelId: string): FakePost[] {
    return [...this.posts.values()]
      .filter((p) => p.channel_id === channelId && p.delete_at === 0)
      .sort((a, b) => a.create_at - b.create_at);
  }

  issueTrigger(userId: string): string {
    const id = newId();
    const trigger = Buffer.from(
      `${id}:${userId}:${Date.now()}:${randomBytes(16).toString('base64')}`,
    ).toString('base64');
    this.triggers.set(trigger, { userId, at: Date.now() });
    return trigger;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request: ApiRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    const problems = this.api.check(request);
    this.violations.push(...problems);
    const template = this.api.route(request.path)?.template;
    if (!template) {
      return send(res, 404, {
        id: 'api.context.404.app_error',
        message: 'Sorry, we could not find the page.',
        status_code: 404,
      });
    }
    const route = `${request.method} ${template}`;
    this.requests.push(route);
    const token = /^bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
    const caller = token ? this.users.get(this.tokens.get(token) ?? '') : undefined;
    if (caller?.delete_at !== 0) {
      return send(res, 401, {
        id: 'api.context.session_expired.app_error',
        message: 'Invalid or expired session, please login again.',
        status_code: 401,
      });
    }
    const handler = this.handlers[route];
    const params = paramsOf(template, request.path);
    const index = this.failures.findIndex((f) => f.route === route);
    if (index >= 0) {
      const failure = (this.failures.splice(index, 1)[0] as { failure: Failure }).failure;
      if ('processed' in failure && failure.processed && handler) {
        try {
          handler({ ...request, caller, params });
        } catch (error) {
          if (!(error instanceof HttpError)) throw error;
        }
      }
      if ('disconnect' in failure) {
        res.socket?.destroy();
        return;
      }
      if (failure.status === 429) {
        // The rate limiter answers before the API, in plain text, with the throttling headers.
        res.writeHead(429, {
          'content-type': 'text/plain; charset=utf-8',
          'x-ratelimit-limit': '10',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(failure.retryAfterSeconds),
          'retry-after': String(failure.retryAfterSeconds),
        });
        res.end('limit exceeded\n');
        return;
      }
      if ('id' in failure) {
        return send(res, failure.status, {
          id: failure.id,
          message: 'Invalid post.',
          status_code: failure.status,
        });
      }
      return send(res, failure.status, {
        id: 'app.injected.app_error',
        message: 'Internal server error',
        status_code: failure.status,
      });
    }
    if (!handler) {
      this.violations.push(`${route}: not implemented by the local Mattermost`);
      return send(res, 501, { id: 'fake.not_implemented', message: route, status_code: 501 });
    }
    try {
      const [status, body] = handler({ ...request, caller, params });
      send(res, status, body);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      send(res, error.status, { id: error.id, message: error.message, status_code: error.status });
    }
  }

  private readonly handlers = apiRoutes(this);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  // Exactly `application/json`: Client4 parses nothing else as JSON.
  res.writeHead(status, { 'content-type': 'application/json', 'x-version-id': '9.11.0.fake' });
  res.end(JSON.stringify(body));
}

function paramsOf(template: string, path: string): Record<string, string> {
  const names = template.split('/');
  const values = path.split('/');
  const params: Record<string, string> = {};
  names.forEach((name, i) => {
    if (name.startsWith('{')) params[name.slice(1, -1)] = decodeURIComponent(values[i] ?? '');
  });
  return params;
}
