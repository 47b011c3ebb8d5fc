// What people do on the sandbox page, turned into the same use cases Slack and Mattermost call: a click records an
// answer, a typed command runs `runCommand`, an owner's button runs the week's job. Every reply is ephemeral.
//
// When the bot serves several programmes, the page is one programme's (`?p=`) and whom it is shown as is a person of
// that programme; their commands run like on Slack, across the programmes they are in (`runProgrammeCommand`), and a
// check-in form says which programme it is of, so that its clicks reach it (only among the person's programmes).
//
// The page answers this machine only and signs nothing: whoever reaches it may act as anyone. A form posted twice
// (a double click, the same post sent again) does what it did once: a click or a job is idempotent by nature, and the
// command form carries a one-time id (`once`), so that a `/coaching log` sent again stores no second session.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { clickCheckin } from '../../app/clicks.ts';
import { type CommandName, type CommandReply, runCommand } from '../../app/commands.ts';
import type { AppContext } from '../../app/context.ts';
import { evaluateWeek } from '../../app/evaluation.ts';
import { type Membership, membershipsOf } from '../../app/memberships.ts';
import { runProgrammeCommand } from '../../app/programme-commands.ts';
import type { Programmes } from '../../app/programmes.ts';
import { sendPrompts } from '../../app/prompts.ts';
import { recording } from '../../app/recording.ts';
import { refusing } from '../../app/refusal.ts';
import { sendReminders } from '../../app/reminders.ts';
import type { AnswerChange } from '../../core/checkin.ts';
import { parseChoice } from '../../core/choice.ts';
import { findPerson, type Locale, type Person } from '../../core/programme.ts';
import { parseWeek, type WeekId } from '../../core/week.ts';
import type { Route } from '../../http/server.ts';
import { query } from '../../http/web/html.ts';
import { isLocalRequest, readForm, redirect, searchParams, sendText } from '../../http/web/request.ts';
import { messages } from '../../i18n/index.ts';
import { weekLabel } from '../../render/format.ts';
import { recordedLine } from '../../render/render-text.ts';
import type { PlatformLedger } from '../delivery-ledger.ts';
import { SANDBOX_LIMITS } from '../limits.ts';
import type { EphemeralReplies } from './ephemeral.ts';

export interface SandboxDeps {
  ctx: AppContext;
  replies: EphemeralReplies;
  /** The one-time ids of the command forms already taken in. */
  forms: PlatformLedger;
  /** The programme's key, carried back to the page, when the bot serves several. */
  programme?: string;
  /** Every programme the bot serves, when several: where the person's commands and clicks may go. */
  programmes?: Programmes;
}

const COMMAND = /^\/?(coaching|phase|checkin)(?:\s+([\s\S]*))?$/;

export function localeFrom(value: string | null, fallback: Locale): Locale {
  return value === 'en' || value === 'fr' ? value : fallback;
}

/**
 * Sandbox pages answer this machine only: anyone who reaches them may act as anyone. The refusal is in the page's
 * language (`?lang=`), else the programme's.
 */
export function localOnly(route: Route, locale: Locale): Route {
  return (req, res) => {
    if (!isLocalRequest(req)) {
      const lang = localeFrom(searchParams(req).get('lang'), locale);
      return sendText(res, 403, messages(lang).sandbox.localOnly);
    }
    return route(req, res);
  };
}

function redirectBack(res: ServerResponse, params: Record<string, string | undefined>): void {
  redirect(res, `/${query(params)}#ephemeral`);
}

/** The change a check-in form posts: its `field` names the question, `value` the button (see core/choice.ts). */
function parseChange(form: URLSearchParams): AnswerChange | undefined {
  const field = form.get('field');
  if (field === 'comment') return { field: 'comment', comment: form.get('comment') ?? '' };
  const change = parseChoice(form.get('value') ?? '');
  return change?.field === field ? change : undefined;
}

/** A use case's outcome as the sandbox shows it: a refusal is said in the page's language. */
async function replyFor(ctx: AppContext, locale: Locale, work: () => Promise<string>): Promise<CommandReply> {
  const result = await refusing(ctx, locale, work);
  return { kind: 'text', ok: result.ok, text: result.ok ? result.value : result.text };
}

export function inboundRoutes(deps: SandboxDeps): Record<string, Route> {
  const { ctx, replies, forms } = deps;
  /** Back to the page, of this programme when the bot serves several. */
  const back = (res: ServerResponse, params: Record<string, string | undefined>) =>
    redirectBack(res, { ...params, p: deps.programme });

  /** The person acting, with the page's language; a post naming nobody of the programme is refused. */
  async function actorOf(req: IncomingMessage, res: ServerResponse) {
    const form = await readForm(req);
    const person = findPerson(ctx.programme, form.get('as') ?? '');
    const locale = localeFrom(form.get('lang'), ctx.programme.locale);
    if (!person) {
      sendText(res, 400, messages(locale).sandbox.unknownPerson);
      return undefined;
    }
    const lang = locale === ctx.programme.locale ? undefined : locale;
    return { form, person, locale, lang };
  }

  /**
   * The programme a check-in form is of: the one it names, among the person's programmes (a form of the page's
   * programme, or one without a name, is the page's). Undefined for a programme the person has no role in.
   */
  function clickedIn(person: Person, key: string | null): Membership | undefined {
    if (!key || key === ctx.programme.key) return { ctx, person: person.id };
    if (!deps.programmes) return undefined;
    return membershipsOf(deps.programmes, person).find((m) => m.ctx.programme.key === key);
  }

  const answer: Route = async (req, res) => {
    const actor = await actorOf(req, res);
    if (!actor) return;
    const { form, person, locale, lang } = actor;
    const week = parseWeek(form.get('week') ?? '');
    const change = parseChange(form);
    if (!week || !change) return sendText(res, 400, messages(locale).sandbox.badForm);
    const target = clickedIn(person, form.get('programme'));
    let reply: CommandReply;
    if (target) {
      const intrapreneur = form.get('intrapreneur') || target.person;
      const click = { actor: target.person, intrapreneur, week, change, locale };
      const result = await clickCheckin(target.ctx, click);
      reply = {
        kind: 'text',
        ok: result.ok,
        text: result.ok
          ? `${messages(locale).commands.answerRecorded} ${weekLabel(week, locale)} — ${recordedLine(result.answer, locale)}`
          : result.text,
      };
    } else {
      ctx.logger.warn({ platform: 'sandbox' }, 'sandbox: check-in click for a programme of no role refused');
      reply = { kind: 'text', ok: false, text: messages(locale).commands.programmes.clickNotMember };
    }
    back(res, { as: person.id, lang, reply: replies.put(person.id, { reply }) });
  };

  /** A typed command: in the page's programme, or, when the bot serves several, in the one it is about. */
  async function commandReply(
    person: Person,
    command: CommandName,
    text: string,
    locale: Locale,
  ): Promise<{ reply: CommandReply; programme?: string }> {
    const request = { command, text, locale, limit: SANDBOX_LIMITS.message };
    if (!deps.programmes) return { reply: await runCommand(ctx, { ...request, actor: person.id }) };
    const done = await runProgrammeCommand(membershipsOf(deps.programmes, person), ctx, request);
    return { reply: done.reply, ...(done.ctx === ctx ? {} : { programme: done.ctx.programme.key }) };
  }

  const command: Route = async (req, res) => {
    const actor = await actorOf(req, res);
    if (!actor) return;
    const { form, person, locale, lang } = actor;
    const once = form.get('once');
    if (once && !(await forms.take(`command:${once}`))) {
      ctx.logger.warn({}, 'sandbox: command form posted again, ignored');
      return back(res, { as: person.id, lang });
    }
    const typed = (form.get('text') ?? '').trim();
    const match = COMMAND.exec(typed);
    const answered = match
      ? await commandReply(person, match[1] as CommandName, (match[2] ?? '').trim(), locale)
      : { reply: { kind: 'text' as const, ok: false, text: messages(locale).sandbox.command.unknown } };
    back(res, { as: person.id, lang, reply: replies.put(person.id, { typed, ...answered }) });
  };

  const run: Route = async (req, res) => {
    const actor = await actorOf(req, res);
    if (!actor) return;
    const { form, person, locale, lang } = actor;
    const t = messages(locale).sandbox.owner;
    const week = parseWeek(form.get('week') ?? '');
    const job = form.get('job');
    if (!week || (job !== 'prompt' && job !== 'reminder' && job !== 'evaluate')) {
      return sendText(res, 400, messages(locale).sandbox.badForm);
    }
    // The use cases refuse a week too early (a prompt before its week, a reminder or an evaluation before its end).
    const reply: CommandReply = ctx.programme.owners.includes(person.id)
      ? await replyFor(ctx, locale, () => recording(ctx, 'command', () => runJob(ctx, job, week, locale)))
      : { kind: 'text', ok: false, text: t.ownersOnly };
    ctx.logger.info({ job, week, by: person.id }, 'sandbox: job run by hand');
    back(res, { as: person.id, lang, week, reply: replies.put(person.id, { reply }) });
  };

  return {
    'POST /sandbox/answer': localOnly(answer, ctx.programme.locale),
    'POST /sandbox/command': localOnly(command, ctx.programme.locale),
    'POST /sandbox/run': localOnly(run, ctx.programme.locale),
  };
}

async function runJob(
  ctx: AppContext,
  job: 'prompt' | 'reminder' | 'evaluate',
  week: WeekId,
  locale: Locale,
): Promise<string> {
  const t = messages(locale).sandbox.owner;
  const label = weekLabel(week, locale);
  if (job === 'evaluate') {
    const result = await evaluateWeek(ctx, week);
    if (result.status === 'exempt') return t.exempt(label);
    if (result.status === 'not_asked') return t.notAsked(label);
    return t.evaluated(label, result.alerts, result.sent + result.recovered, result.messages);
  }
  const result = job === 'prompt' ? await sendPrompts(ctx, week) : await sendReminders(ctx, week);
  if (result.status !== 'done') return result.status === 'break' ? t.break(label) : t.outsideWindow(label);
  const sent = result.sent + result.recovered;
  return job === 'prompt'
    ? t.prompted(label, result.enqueued, sent, result.total)
    : t.reminded(label, result.enqueued, sent);
}
