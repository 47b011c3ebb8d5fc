// `coaching-bot start` with a directory of programmes (the bundled Hauts-de-France and La Réunion), Mattermost and
// e-mail configured together, in a child process as an operator runs it: it starts, registers its commands once, and
// answers Sophie, who coaches in both, for both.
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slashCommand } from '../fakes/mattermost-integrations.ts';
import { FakeMattermost } from '../fakes/mattermost-server.ts';
import { BOT_TOKEN, TEAM } from '../fakes/mattermost-world.ts';
import { startChild } from '../support/child.ts';
import { tempDatabaseUrl } from '../support/fixtures.ts';
import { type MailServer, startMailServer } from '../support/mail-server.ts';

const DIR = fileURLToPath(new URL('../../examples/programmes', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

describe('starting with a directory of programmes on Mattermost and e-mail', () => {
  let mm: FakeMattermost;
  let mail: MailServer;

  beforeAll(async () => {
    mm = await new FakeMattermost().start();
    mail = await startMailServer();
  });
  afterAll(async () => {
    expect(mm.violations).toEqual([]);
    await mm?.close();
    await mail?.close();
  });

  it('starts, and answers a coach of both programmes for both', async () => {
    const bot = mm.addUser({ username: 'coaching-bot', is_bot: true, locale: 'fr' }, BOT_TOKEN);
    const sophie = mm.addUser({ username: 'sgirard', email: 'sophie.girard@example.org' });
    mm.addTeam(TEAM, [bot, sophie]);
    mm.commandManagers.add(bot.id);
    const port = await freePort();
    const child = startChild(['--import', 'tsx', 'test/support/main-child.ts', 'start'], {
      PROGRAMME_FILE: DIR,
      DATABASE_URL: tempDatabaseUrl(),
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'error',
      MATTERMOST_URL: mm.url,
      MATTERMOST_BOT_TOKEN: BOT_TOKEN,
      MATTERMOST_TEAM: TEAM,
      SMTP_URL: mail.url,
      MAIL_FROM: '"Startups de Territoire" <coaching@region.example>',
    });
    try {
      await child.line(/coaching-bot écoute sur/);
      expect([...mm.commands.values()].map((c) => c.trigger).sort()).toEqual([
        'checkin',
        'coaching',
        'phase',
      ]);
      const phase = await slashCommand(mm, 'sgirard', '/phase');
      expect(phase.post?.message.split('\n').map((line) => line.split(' (`')[0])).toEqual([
        'Vos programmes :',
        '• Startups de Territoire — Hauts-de-France',
        '• Startups de Territoire — La Réunion',
        expect.stringContaining('/phase'),
      ]);
    } finally {
      child.process.kill('SIGTERM');
    }
    expect((await child.exited).code).toBe(0);
    expect(child.stderr()).toBe('');
  }, 60_000);
});
