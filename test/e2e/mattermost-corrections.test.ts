// An owner corrects an intrapreneur's evaluated week from Mattermost. Mattermost signs no click: the buttons of the
// owner's `/checkin @alice` form carry the bot's signature over Alice, the week, the choice and the owner, and only
// that owner's account may click them. A context altered to drop or change the owner is refused.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordAnswer } from '../../src/app/answers.ts';
import { evaluateWeek } from '../../src/app/evaluation.ts';
import { sendPrompts } from '../../src/app/prompts.ts';
import {
  actionsOf,
  click,
  slashCommand,
  submitDialog,
  visibleText,
} from '../fakes/mattermost-integrations.ts';
import type { FakePost } from '../fakes/mattermost-server.ts';
import { type MattermostWorld, mattermostWorld } from '../fakes/mattermost-world.ts';

const WEEK = '2026-W47';

async function post(url: string, body: unknown) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('an owner’s correction from Mattermost', () => {
  let w: MattermostWorld;

  beforeEach(async () => {
    w = await mattermostWorld();
    await w.platform.start();
    await sendPrompts(w.app.ctx, WEEK);
    w.clock.setParis('2026-11-20', 16);
    await recordAnswer(w.app.ctx, {
      actor: 'alice',
      week: WEEK,
      change: { field: 'release', release: { kind: 'days', days: 0 } },
    });
    w.clock.setParis('2026-11-24', 9);
    await evaluateWeek(w.app.ctx, WEEK);
    w.clock.setParis('2026-11-25', 10);
  });
  afterEach(async () => {
    expect(w.mm.violations).toEqual([]);
    await w.close();
  });

  async function ownerForm(): Promise<FakePost> {
    const opened = await slashCommand(w.mm, 'cdubois', `/checkin @amartin ${WEEK}`);
    expect(opened.status).toBe(200);
    return opened.post as FakePost;
  }

  it('records the owner’s clicks and comment for Alice, in the owner’s name', async () => {
    const form = await ownerForm();
    expect(visibleText(form)).toContain('Point hebdomadaire de Alice Martin, rempli par vous');
    expect(visibleText(form)).toContain('Enregistré : 0 jour');
    expect(actionsOf(form).map((a) => [a.integration.context.person, a.integration.context.by])).toEqual(
      actionsOf(form).map(() => ['alice', 'claire']),
    );

    expect(await click(w.mm, 'cdubois', form, '1')).toMatchObject({
      ok: true,
      ephemeral: 'Enregistré : 1 jour',
    });
    expect(await w.app.ctx.store.getAnswer('alice', WEEK)).toMatchObject({
      release: { kind: 'days', days: 1 },
      answeredBy: 'claire',
    });
    expect(await w.app.ctx.store.listCorrections({})).toMatchObject([
      { intrapreneur: 'alice', week: WEEK, field: 'release', before: '0', after: '1', by: 'claire' },
    ]);

    expect(await click(w.mm, 'cdubois', form, 'Ajouter un commentaire')).toMatchObject({ ok: true });
    expect(await submitDialog(w.mm, 'cdubois', { comment: 'Rattrapé le jeudi' })).toEqual({ status: 200 });
    expect(await w.app.ctx.store.getAnswer('alice', WEEK)).toMatchObject({
      comment: 'Rattrapé le jeudi',
      answeredBy: 'claire',
    });
  });

  it('refuses the form to a non-owner, an altered context, and the owner’s button clicked by someone else', async () => {
    const refused = await slashCommand(w.mm, 'ndurand', `/checkin @amartin ${WEEK}`);
    expect(refused.response).toEqual({
      response_type: 'ephemeral',
      text: 'Seuls les responsables du programme peuvent ouvrir le point hebdomadaire d’Alice Martin pour répondre à sa place.',
    });

    const form = await ownerForm();
    const genuine = actionsOf(form).find((a) => a.name === '2 et plus')?.integration.context ?? {};
    const request = (username: string, context: Record<string, unknown>) => ({
      user_id: w.mm.user(username).id,
      user_name: username,
      channel_id: form.channel_id,
      post_id: form.id,
      trigger_id: w.mm.issueTrigger(w.mm.user(username).id),
      type: 'button',
      context,
    });
    const { by: _owner, ...withoutOwner } = genuine;
    for (const [username, context] of [
      // Without the owner, it would pass for Alice's own button; with another owner, for theirs.
      ['amartin', withoutOwner],
      ['ndurand', { ...genuine, by: 'nicolas' }],
      ['tlefebvre', { ...genuine, by: 'thomas' }],
    ] as const) {
      expect((await post(`${w.http.url}/mattermost/action`, request(username, context))).status).toBe(401);
    }
    // The genuine button, clicked from another account.
    expect(await post(`${w.http.url}/mattermost/action`, request('ndurand', genuine))).toEqual({
      status: 200,
      body: {
        ephemeral_text:
          'Ce point hebdomadaire est adressé à quelqu’un d’autre : vous ne pouvez pas y répondre.',
      },
    });
    expect(await w.app.ctx.store.getAnswer('alice', WEEK)).toMatchObject({
      release: { kind: 'days', days: 0 },
      answeredBy: 'alice',
    });
    expect(await w.app.ctx.store.listCorrections({})).toEqual([]);
  });
});
