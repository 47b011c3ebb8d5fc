// A local Slack, on loopback, for the tests and the benchmark: the Web API methods the bot calls, answered the way
// Slack answers them (form or JSON bodies, `ok: false` errors, 429 with Retry-After, 5xx), each call recorded and
// checked against Slack's published description (slack-spec.ts); the response URLs of commands and buttons; and,
// in slack-workspace.ts, the people who type commands and click buttons, signing their requests as Slack does.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { type ShapeRefusal, shapeRefusal } from './slack-blocks.ts';
import { checkCall, missingScope } from './slack-spec.ts';

export interface FakeUser {
  id: string;
  name: string;
  email: string;
}

export interface FakeMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: Block[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  /** Set on the bot's messages. */
  bot_id?: string;
  user: string;
  /** How many times it was edited (`chat.update`, or a response URL replacing it). */
  edits: number;
}

/** An ephemeral message: shown to one person only, it has no `ts` in any conversation's history. */
export interface FakeEphemeral {
  id: string;
  user: string;
  channel: string;
  text: string;
  blocks: Block[];
  edits: number;
}

export interface FakeView {
  id: string;
  user: string;
  view: Record<string, unknown>;
}

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  /** What Slack answered: `ok`, an error code, or an HTTP status for 429 and 5xx. */
  outcome: string;
}

/** A refusal to give instead of the normal answer. `processed`: Slack did the work, then failed to say so. */
export type Fault =
  | { status: 429; retryAfter: number }
  | { status: 500; processed?: boolean }
  | { error: string };

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON as Slack stores it
export type Block = Record<string, any>;

export const TEAM = { id: 'T0LOCAL', domain: 'startups-de-territoire' };
export const BOT = { userId: 'U0BOT', botId: 'B0BOT', appId: 'A0APP' };

interface ResponseTarget {
  user: string;
  channel: string;
  /** What `replace_original` replaces. */
  original?: { message: FakeMessage } | { ephemeral: FakeEphemeral };
}

export interface FakeSlackOptions {
  botToken: string;
  appToken?: string;
  /** The bot token's scopes (the tests give those of manifest.yml). */
  scopes: readonly string[];
  /** Workspace cap on `chat.postMessage`, per second: beyond it, 429 with Retry-After. */
  postsPerSecond?: number;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

class SlackError extends Error {
  constructor(
    readonly code: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  /** Calls that Slack's description would not accept: every test expects none. */
  readonly violations: string[] = [];
  readonly users = new Map<string, FakeUser>();
  readonly messages: FakeMessage[] = [];
  readonly ephemerals: FakeEphemeral[] = [];
  readonly views = new Map<string, FakeView>();
  /** Replies posted to response URLs, in order. */
  readonly responses: { user: string; payload: Record<string, unknown> }[] = [];
  /** Messages refused for their shape (Block Kit or length limits): nothing of them was shown. */
  readonly refused: { via: string; error: string; errors: string[] }[] = [];
  readonly channels = new Map<string, string>();
  private readonly faults = new Map<string, Fault[]>();
  private readonly triggers = new Map<string, { user: string; at: number }>();
  private readonly responseUrls = new Map<string, ResponseTarget>();
  private readonly postTimes: number[] = [];
  private readonly waiters: { test: () => boolean; resolve: () => void }[] = [];
  private readonly sockets = new Set<WebSocket>();
  private readonly acks = new Map<string, (payload: unknown) => void>();
  private clock = 1_780_000_000;
  private sequence = 0;
  url = '';
  private server?: Server;
  private wss?: WebSocketServer;

  constructor(private readonly options: FakeSlackOptions) {}

  static async start(options: FakeSlackOptions): Promise<FakeSlack> {
    const fake = new FakeSlack(options);
    await fake.listen();
    return fake;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  private async listen(): Promise<void> {
    this.server = createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => json(res, 500, { ok: false, error: String(error) }));
    });
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => {
      this.wss?.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss?.close();
    await new Promise<void>((resolve) => {
      this.server?.close(() => resolve());
      this.server?.closeAllConnections();
    });
  }

  // -------------------------------------------------------------------------------------------------------------
  // The workspace

  addUser(user: { id?: string; name: string; email: string }): FakeUser {
    const id = user.id ?? `U${String(++this.sequence).padStart(8, '0')}`;
    const created = { id, name: user.name, email: user.email };
    this.users.set(id, created);
    return created;
  }

  /** A public channel the bot was invited to. */
  addChannel(name: string): string {
    const id = `C${String(++this.sequence).padStart(8, '0')}`;
    this.channels.set(name, id);
    return id;
  }

  imOf(userId: string): string {
    return `D${userId.slice(1)}`;
  }

  /** The bot's messages in a conversation, oldest first. */
  conversation(channel: string): FakeMessage[] {
    return this.messages.filter((m) => m.channel === channel);
  }

  /** The bot's direct messages to a person, oldest first. */
  directMessages(userId: string): FakeMessage[] {
    return this.conversation(this.imOf(userId));
  }

  /** The next answers of `method`: a fault each, in order. */
  inject(method: string, ...faults: Fault[]): void {
    this.faults.set(method, [...(this.faults.get(method) ?? []), ...faults]);
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves once `test` holds (checked after each request this server handles). */
  until(test: () => boolean, what = 'condition', timeoutMs = 10_000): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`local Slack: still waiting for ${what}`)), timeoutMs);
      this.waiters.push({
        test,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  private settle(): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.test()) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }

  nextTs(): string {
    this.clock += 1;
    return `${this.clock}.${String(++this.sequence).padStart(6, '0')}`;
  }

  /** A trigger id, as Slack gives one with each command and click (valid 3 seconds, once). */
  issueTrigger(user: string): string {
    const id = `${++this.sequence}.${TEAM.id}.${randomUUID().slice(0, 8)}`;
    this.triggers.set(id, { user, at: Date.now() });
    return id;
  }

  issueResponseUrl(target: ResponseTarget): string {
    const id = randomUUID();
    this.responseUrls.set(id, target);
    return `${this.url}/commands/${TEAM.id}/${id}`;
  }

  // -------------------------------------------------------------------------------------------------------------
  // HTTP

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const body = await readBody(req);
    if (req.method === 'POST' && url.pathname.startsWith('/commands/')) {
      this.onResponseUrl(url.pathname.split('/').pop() ?? '', body, res);
    } else if (url.pathname.startsWith('/_local/')) {
      this.onLocal(url.pathname.slice('/_local/'.length), body, res);
    } else if (url.pathname.startsWith('/api/')) {
      this.onApi(req, url, body, res);
    } else {
      json(res, 404, { ok: false, error: 'not_found' });
    }
    this.settle();
  }

  /** For a benchmark that runs this Slack in another process: what it holds, and response URLs to hand out. */
  private onLocal(what: string, body: string, res: ServerResponse) {
    if (what === 'response-url') {
      const { user } = JSON.parse(body) as { user: string };
      return json(res, 200, { url: this.issueResponseUrl({ user, channel: this.imOf(user) }) });
    }
    if (what === 'summary') {
      const perChannel: Record<string, number> = {};
      for (const m of this.messages) perChannel[m.channel] = (perChannel[m.channel] ?? 0) + 1;
      return json(res, 200, {
        perChannel,
        rateLimited: this.calls.filter((c) => c.outcome === 'http_429').length,
        responses: this.responses.length,
        refused: this.refused.length,
        violations: this.violations,
      });
    }
    json(res, 404, { ok: false, error: 'not_found' });
  }

  private onApi(req: IncomingMessage, url: URL, body: string, res: ServerResponse) {
    const method = url.pathname.slice('/api/'.length);
    const args: Record<string, unknown> = Object.fromEntries(url.searchParams);
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim();
    if (body) {
      if (type === 'application/json') Object.assign(args, JSON.parse(body));
      else if (type === 'application/x-www-form-urlencoded')
        Object.assign(args, Object.fromEntries(new URLSearchParams(body)));
      else return this.answer(res, method, args, { ok: false, error: 'invalid_post_type' });
    }
    for (const problem of checkCall(method, args)) this.violations.push(problem);
    const fault = this.faults.get(method)?.shift();
    if (fault && 'status' in fault) {
      this.calls.push({ method, args, outcome: `http_${fault.status}` });
      if (fault.status === 429) {
        return json(
          res,
          429,
          { ok: false, error: 'ratelimited' },
          { 'retry-after': String(fault.retryAfter) },
        );
      }
      if (fault.processed) this.handle(method, args);
      res.writeHead(500, { 'content-type': 'text/html' });
      return void res.end('<html><body>Internal Server Error</body></html>');
    }
    if (fault) return this.answer(res, method, args, { ok: false, error: fault.error });
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '') || String(args.token ?? '');
    const appCall = method === 'apps.connections.open';
    const expected = appCall ? this.options.appToken : this.options.botToken;
    if (!token) return this.answer(res, method, args, { ok: false, error: 'not_authed' });
    if (token !== expected) return this.answer(res, method, args, { ok: false, error: 'invalid_auth' });
    const lacking = missingScope(method, appCall ? ['connections:write'] : this.options.scopes);
    if (lacking) {
      return this.answer(res, method, args, {
        ok: false,
        error: 'missing_scope',
        needed: lacking,
        provided: this.options.scopes.join(','),
      });
    }
    if (method === 'chat.postMessage' && this.overCap()) {
      this.calls.push({ method, args, outcome: 'http_429' });
      return json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
    }
    try {
      const result = this.handle(method, args);
      const headers: Record<string, string> =
        method === 'auth.test' ? { 'x-oauth-scopes': this.options.scopes.join(',') } : {};
      this.answer(res, method, args, { ok: true, ...result }, headers);
    } catch (error) {
      if (!(error instanceof SlackError)) throw error;
      this.answer(res, method, args, { ok: false, error: error.code, ...error.extra });
    }
  }

  private answer(
    res: ServerResponse,
    method: string,
    args: Record<string, unknown>,
    body: Record<string, unknown> & { ok: boolean; error?: string },
    headers: Record<string, string> = {},
  ): void {
    this.calls.push({ method, args, outcome: body.ok ? 'ok' : (body.error ?? 'error') });
    json(res, 200, body, headers);
  }

  /** A sliding window of one second, as a workspace-wide limit behaves. */
  private overCap(): boolean {
    const cap = this.options.postsPerSecond;
    if (cap === undefined) return false;
    const now = performance.now();
    while (this.postTimes.length > 0 && (this.postTimes[0] ?? 0) <= now - 1000) this.postTimes.shift();
    if (this.postTimes.length >= cap) return true;
    this.postTimes.push(now);
    return false;
  }

  private handle(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return {
          url: `https://${TEAM.domain}.slack.com/`,
          team: 'Startups de Territoire',
          user: 'startups-de-territoire',
          team_id: TEAM.id,
          user_id: BOT.userId,
          bot_id: BOT.botId,
        };
      case 'users.lookupByEmail': {
        const email = String(args.email).toLowerCase();
        const user = [...this.users.values()].find((u) => u.email.toLowerCase() === email);
        if (!user) throw new SlackError('users_not_found');
        return { user: this.userJson(user) };
      }
      case 'users.info': {
        const user = this.users.get(String(args.user));
        if (!user) throw new SlackError('user_not_found');
        return { user: this.userJson(user) };
      }
      case 'conversations.open': {
        const user = this.users.get(String(args.users ?? ''));
        if (!user) throw new SlackError('user_not_found');
        return { channel: { id: this.imOf(user.id) } };
      }
      case 'conversations.history':
        return this.history(args);
      case 'chat.postMessage':
        return this.post(args);
      case 'chat.update':
        return this.update(args);
      case 'views.open':
        return this.openView(args);
      case 'apps.connections.open':
        return { url: `${this.url.replace('http', 'ws')}/link/?ticket=${randomUUID()}` };
      default:
        throw new SlackError('unknown_method');
    }
  }

  private userJson(user: FakeUser) {
    return {
      id: user.id,
      team_id: TEAM.id,
      name: user.email.split('@')[0],
      real_name: user.name,
      deleted: false,
      is_bot: false,
      profile: { real_name: user.name, display_name: user.name, email: user.email },
    };
  }

  private parseJson(value: unknown, error: string): unknown {
    if (value === undefined) return undefined;
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value);
    } catch {
      throw new SlackError(error);
    }
  }

  /** Where a `channel` argument posts: a user id opens the direct message with the app. */
  private resolveChannel(channel: string): string {
    if (/^[UW]/.test(channel)) {
      if (!this.users.has(channel)) throw new SlackError('channel_not_found');
      return this.imOf(channel);
    }
    if (channel.startsWith('#')) {
      const id = this.channels.get(channel.slice(1));
      if (!id) throw new SlackError('channel_not_found');
      return id;
    }
    if (/^D/.test(channel) && this.users.has(`U${channel.slice(1)}`)) return channel;
    if ([...this.channels.values()].includes(channel)) return channel;
    throw new SlackError('channel_not_found');
  }

  private post(args: Record<string, unknown>): Record<string, unknown> {
    const channel = this.resolveChannel(String(args.channel ?? ''));
    const blocks = (this.parseJson(args.blocks, 'invalid_blocks') ?? []) as Block[];
    const text = String(args.text ?? '');
    if (!text && blocks.length === 0) throw new SlackError('no_text');
    this.checkShape('chat.postMessage', text, blocks);
    const metadata = this.parseJson(args.metadata, 'invalid_metadata_format') as FakeMessage['metadata'];
    const message: FakeMessage = {
      channel,
      ts: this.nextTs(),
      text,
      blocks,
      ...(metadata ? { metadata } : {}),
      bot_id: BOT.botId,
      user: BOT.userId,
      edits: 0,
    };
    this.messages.push(message);
    return { channel, ts: message.ts, message: this.messageJson(message, true) };
  }

  /** Refuses a message Slack would refuse for its shape, as Slack says it. */
  private checkShape(via: string, text: string, blocks: Block[]): void {
    const refusal = shapeRefusal(text, blocks);
    if (!refusal) return;
    this.refused.push({ via, ...refusal });
    throw new SlackError(refusal.error, this.refusalDetail(refusal));
  }

  private refusalDetail(refusal: ShapeRefusal): Record<string, unknown> {
    if (refusal.errors.length === 0) return {};
    return {
      errors: refusal.errors,
      response_metadata: { messages: refusal.errors.map((e) => `[ERROR] ${e}`) },
    };
  }

  private update(args: Record<string, unknown>): Record<string, unknown> {
    const message = this.messages.find((m) => m.channel === args.channel && m.ts === args.ts);
    if (!message) throw new SlackError('message_not_found');
    if (message.bot_id !== BOT.botId) throw new SlackError('cant_update_message');
    const blocks =
      args.blocks === undefined ? message.blocks : (this.parseJson(args.blocks, 'invalid_blocks') as Block[]);
    this.checkShape('chat.update', args.text === undefined ? message.text : String(args.text), blocks);
    if (args.text !== undefined) message.text = String(args.text);
    message.blocks = blocks;
    const metadata = this.parseJson(args.metadata, 'invalid_metadata_format') as FakeMessage['metadata'];
    if (metadata) message.metadata = metadata;
    message.edits++;
    return { channel: message.channel, ts: message.ts, text: message.text };
  }

  private messageJson(m: FakeMessage, withMetadata: boolean) {
    return {
      type: 'message',
      user: m.user,
      bot_id: m.bot_id,
      ts: m.ts,
      text: m.text,
      blocks: m.blocks,
      ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
    };
  }

  private history(args: Record<string, unknown>): Record<string, unknown> {
    const channel = String(args.channel ?? '');
    if (!/^D/.test(channel) || !this.users.has(`U${channel.slice(1)}`))
      throw new SlackError('channel_not_found');
    const limit = Math.min(Number(args.limit ?? 100), 999);
    const offset = Number(args.cursor ? Buffer.from(String(args.cursor), 'base64').toString() : 0);
    const newestFirst = this.conversation(channel).reverse();
    const page = newestFirst.slice(offset, offset + limit);
    const more = offset + limit < newestFirst.length;
    const withMetadata = args.include_all_metadata === 'true' || args.include_all_metadata === true;
    return {
      messages: page.map((m) => this.messageJson(m, withMetadata)),
      has_more: more,
      response_metadata: { next_cursor: more ? Buffer.from(String(offset + limit)).toString('base64') : '' },
    };
  }

  private openView(args: Record<string, unknown>): Record<string, unknown> {
    const trigger = this.triggers.get(String(args.trigger_id ?? ''));
    if (!trigger) throw new SlackError('invalid_trigger_id');
    this.triggers.delete(String(args.trigger_id));
    if (Date.now() - trigger.at > 3000) throw new SlackError('expired_trigger_id');
    const view = this.parseJson(args.view, 'invalid_arguments') as Record<string, unknown> | undefined;
    const title = (view?.title as { text?: string } | undefined)?.text ?? '';
    if (view?.type !== 'modal' || title.length === 0 || title.length > 24)
      throw new SlackError('invalid_arguments');
    const id = `V${String(++this.sequence).padStart(8, '0')}`;
    this.views.set(id, { id, user: trigger.user, view });
    return { view: { id, team_id: TEAM.id, ...view, state: { values: {} }, hash: randomUUID() } };
  }

  private onResponseUrl(id: string, body: string, res: ServerResponse) {
    const target = this.responseUrls.get(id);
    if (!target) return json(res, 404, { ok: false, error: 'expired_url' });
    const payload = JSON.parse(body) as Record<string, unknown>;
    this.responses.push({ user: target.user, payload });
    const text = String(payload.text ?? '');
    const blocks = (payload.blocks ?? []) as Block[];
    const refusal = shapeRefusal(text, blocks);
    if (refusal) {
      // A response URL answers a refused message with a bare 400 and the error code as text.
      this.refused.push({ via: 'response_url', ...refusal });
      res.writeHead(400, { 'content-type': 'text/plain' });
      return void res.end(refusal.error);
    }
    const original = target.original;
    if (payload.replace_original === true && original) {
      const replaced = 'message' in original ? original.message : original.ephemeral;
      Object.assign(replaced, { text, blocks, edits: replaced.edits + 1 });
    } else if (payload.response_type === 'in_channel') {
      this.messages.push({
        channel: target.channel,
        ts: this.nextTs(),
        text,
        blocks,
        user: BOT.userId,
        edits: 0,
      });
    } else {
      const ephemeral = {
        id: randomUUID(),
        user: target.user,
        channel: target.channel,
        text,
        blocks,
        edits: 0,
      };
      this.ephemerals.push(ephemeral);
    }
    json(res, 200, { ok: true });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Socket Mode

  get socketConnected(): boolean {
    return this.sockets.size > 0;
  }

  private onSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
      if (message.envelope_id) this.acks.get(message.envelope_id)?.(message.payload ?? {});
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: BOT.appId } }));
    this.settle();
  }

  /** Sends an envelope to the connected app; resolves with its acknowledgement's payload. */
  sendEnvelope(type: 'slash_commands' | 'interactive', payload: unknown): Promise<unknown> {
    const [ws] = this.sockets;
    if (!ws) return Promise.reject(new Error('local Slack: no Socket Mode connection'));
    const envelope_id = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('local Slack: envelope not acknowledged')), 3000);
      this.acks.set(envelope_id, (ack) => {
        clearTimeout(timer);
        this.acks.delete(envelope_id);
        resolve(ack);
      });
      ws.send(
        JSON.stringify({ envelope_id, type, payload, accepts_response_payload: type === 'slash_commands' }),
      );
    });
  }
}
