// The inbound contract on Mattermost: the local Mattermost posts to the bot's routes what the real server posts — slash
// commands with their token, button clicks with the context the bot signed — and shows the answers as it would.
import { expect } from 'vitest';
import { findPerson } from '../../src/core/programme.ts';
import {
  actionPost,
  actionsOf,
  commandPost,
  conversation,
  ephemeralsFor,
  visibleText,
} from '../fakes/mattermost-integrations.ts';
import { type MattermostWorld, mattermostWorld, usernameOf } from '../fakes/mattermost-world.ts';
import { type InboundRequest, inboundContract } from './inbound-contract.ts';

inboundContract('mattermost', async () => {
  const w: MattermostWorld = await mattermostWorld();
  await w.platform.start();
  const username = (person: string) => {
    const found = findPerson(w.programme, person);
    if (!found) throw new Error(`${person} is not in the programme`);
    return usernameOf(found);
  };
  const prompt = (person: string) => {
    const [post] = conversation(w.mm, w.bot, username(person));
    if (!post) throw new Error(`no check-in for ${person}`);
    return post;
  };
  /** What the bot answered to requests Mattermost itself would not have sent, as the person would have read it. */
  const told = new Map<string, string[]>();
  /** A click posted straight to the bot: by someone the post is not for, or with its context changed. */
  const rawClick = (person: string, by: string, label: string, change: object = {}): InboundRequest => {
    const post = prompt(person);
    const context = actionsOf(post).find((a) => a.name === label)?.integration.context;
    const user = w.mm.user(username(by));
    const body = JSON.stringify({
      user_id: user.id,
      user_name: user.username,
      channel_id: post.channel_id,
      post_id: post.id,
      trigger_id: w.mm.issueTrigger(user.id),
      type: 'button',
      context: { ...context, ...change },
    });
    return {
      send: async () => {
        const res = await fetch(`${w.http.url}/mattermost/action`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body,
        });
        const answer = (await res.json()) as { ephemeral_text?: string };
        if (answer.ephemeral_text) told.set(by, [...(told.get(by) ?? []), answer.ephemeral_text]);
        return { status: res.status };
      },
    };
  };
  const log = (coach: string, intrapreneur: string, text: string, token?: string): InboundRequest => {
    const line = `/coaching log @${username(intrapreneur)} ${text}`;
    const post = commandPost(w.mm, username(coach), line, token ? { token } : {});
    if (!post) throw new Error('/coaching is not registered');
    return post;
  };
  return {
    ctx: w.app.ctx,
    accepted: 200,
    refused: 401,
    notYours: 'Ce point hebdomadaire est adressé à quelqu’un d’autre : vous ne pouvez pas y répondre.',
    click: async (person, label) => actionPost(w.mm, username(person), prompt(person), label),
    forgedClick: async (person, label) => rawClick(person, person, label, { sig: 'AAAA' }),
    // Alice's check-in is in her direct messages: another person can only post its click to the bot themselves.
    clickFor: async (actor, intrapreneur, label) => rawClick(intrapreneur, actor, label),
    log: async (coach, intrapreneur, text) => log(coach, intrapreneur, text),
    forgedLog: async (coach, intrapreneur, text) => log(coach, intrapreneur, text, 'forged-token'),
    // Mattermost waits for the bot's answer to each request: nothing is left to settle.
    settle: async () => {},
    seen: async (person) => {
      const name = username(person);
      const messages = conversation(w.mm, w.bot, name).map((p) => visibleText(p));
      const replies = ephemeralsFor(w.mm, name).map((p) => p.message);
      return [...messages, ...replies, ...(told.get(person) ?? [])].join('\n');
    },
    close: async () => {
      expect(w.mm.violations).toEqual([]);
      await w.close();
    },
  };
});
