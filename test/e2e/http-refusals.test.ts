// What the bot's HTTP server answers to requests no browser makes: paths that are not valid UTF-8 once decoded, form
// bodies over the limit, a Host that names this machine and another one. Each gets the status that says what is
// wrong with it (400, 413, 403), changes nothing and writes no error in the logs: anyone can send these.
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readEnv } from '../../src/config/env.ts';
import type { Logger } from '../../src/core/ports.ts';
import { type HttpServer, startHttpServer } from '../../src/http/server.ts';
import { assetRoutes } from '../../src/http/web/assets.ts';
import { createSandboxPlatform, type SandboxPlatform } from '../../src/platforms/sandbox/index.ts';
import {
  exampleProgramme,
  openBotOn,
  type TestBot,
  TestClock,
  tempDatabaseUrl,
} from '../support/fixtures.ts';

interface Line {
  level: string;
  msg: string | undefined;
}

/** Sends `head` (request line and headers, without the blank line) and `body` as written, and reads the status. */
function raw(url: string, head: string[], body = ''): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.end(`${[...head, 'Connection: close'].join('\r\n')}\r\n\r\n${body}`);
    });
    let text = '';
    socket.setEncoding('utf8').on('data', (c: string) => (text += c));
    socket.on('error', reject).on('close', () => {
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text });
    });
  });
}

describe('requests the HTTP server refuses', () => {
  let bot: TestBot;
  let platform: SandboxPlatform;
  let http: HttpServer;
  let lines: Line[];

  beforeEach(async () => {
    lines = [];
    const at = (level: string) => (_obj: object, msg?: string) => void lines.push({ level, msg });
    const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
    const clock = new TestClock(new Date());
    clock.setParis('2026-11-20', 14);
    const url = tempDatabaseUrl();
    const env = readEnv({ DATABASE_URL: url }, '/');
    ({ bot, platform } = await openBotOn(
      url,
      exampleProgramme(),
      clock,
      (d) => createSandboxPlatform(d, env),
      {
        logger,
      },
    ));
    http = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      logger,
      routes: { ...assetRoutes(), ...platform.routes },
    });
  });
  afterEach(async () => {
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
    await http.close();
    await platform.stop();
    bot.close();
  });

  const host = () => `Host: ${new URL(http.url).host}`;

  it('answers 400 to asset paths that are not valid UTF-8 once decoded', async () => {
    const paths = [
      '/assets/web/%E0%A4%A',
      '/assets/web/%ZZapp.css',
      '/assets/web/%C0%AE%C0%AE/%C0%AE%C0%AE/etc/passwd.css',
      '/assets/dsfr/%C0%AF..%C0%AFapp.css',
      '/assets/dsfr/%ED%A0%80.css',
      '/assets/web/app%00.css',
    ];
    const statuses = [];
    for (const path of paths) statuses.push((await raw(http.url, [`GET ${path} HTTP/1.1`, host()])).status);
    expect(statuses).toEqual(Array(paths.length).fill(400));
    // The stylesheet itself is still served.
    expect((await fetch(`${http.url}/assets/web/app.css`)).status).toBe(200);
  });

  it('answers 413 to a sandbox form over the limit, announced or not, and stores nothing', async () => {
    const form = new URLSearchParams({
      as: 'alice',
      week: '2026-W47',
      field: 'comment',
      comment: 'x'.repeat(200_000),
    }).toString();
    const announced = await fetch(`${http.url}/sandbox/answer`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    expect(announced.status).toBe(413);
    const chunk = (text: string) => `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`;
    const chunked = await raw(
      http.url,
      [
        'POST /sandbox/command HTTP/1.1',
        host(),
        'Content-Type: application/x-www-form-urlencoded',
        'Transfer-Encoding: chunked',
      ],
      `${chunk(form.slice(0, 100_000))}${chunk(form.slice(100_000))}0\r\n\r\n`,
    );
    expect(chunked.status).toBe(413);
    expect(await bot.ctx.store.getAnswer('alice', '2026-W47')).toBeUndefined();
  });

  it('refuses a request that names this machine and another host, or a full URL', async () => {
    const port = new URL(http.url).port;
    const attempts = [
      ['GET / HTTP/1.1', `Host: localhost:${port}`, 'Host: evil.example'],
      ['GET / HTTP/1.1', `Host: 127.0.0.1:${port}`, `host: 127.0.0.1:${port}`],
      ['GET http://evil.example/ HTTP/1.1', `Host: localhost:${port}`],
      ['GET / HTTP/1.1', `Host: localhost:${port}@evil.example`],
      ['GET / HTTP/1.1', 'Host: localhost:evil'],
      ['GET / HTTP/1.1', `Host: localhost:${port}`, 'X-Forwarded-Host: evil.example'],
    ];
    const statuses = [];
    for (const head of attempts) statuses.push((await raw(http.url, head)).status);
    // The absolute URL names no route of this server: it is not found rather than refused.
    expect(statuses).toEqual([403, 403, 404, 403, 403, 403]);
    const posted = await raw(
      http.url,
      [
        'POST /sandbox/answer HTTP/1.1',
        `Host: localhost:${port}`,
        'Host: evil.example',
        'Content-Type: application/x-www-form-urlencoded',
        'Content-Length: 48',
      ],
      'as=alice&week=2026-W47&field=release&value=1&x=1',
    );
    expect(posted.status).toBe(403);
    expect(await bot.ctx.store.getAnswer('alice', '2026-W47')).toBeUndefined();
    // The page itself, asked for once, plainly.
    expect((await raw(http.url, ['GET / HTTP/1.1', `Host: localhost:${port}`])).status).toBe(200);
  });
});
