// The slash commands for someone who is in several programmes of the deployment. Each command still runs in one
// programme (`runCommand` with that programme's context); this picks which: the one `--programme ID` names, the only
// one where the command makes sense (Alice's programme for `/coaching log @alice`), or none, and the person is asked.
// Nothing of a programme the person has no role in is ever reached: only their memberships are candidates.

import { localDateOf } from '../core/calendar.ts';
import { parseCheckinCommand } from '../core/checkin-command.ts';
import { parseCoachingCommand, parseWho } from '../core/coaching-command.ts';
import { phaseStatus } from '../core/phases.ts';
import { intrapreneurRoles } from '../core/programme.ts';
import { messages } from '../i18n/index.ts';
import { canLogCoaching, canSee } from './access.ts';
import { programmeResolver } from './coaching.ts';
import { type CommandReply, type CommandRequest, dashboard, runCommand } from './commands.ts';
import { findProject } from './committee-pack.ts';
import type { AppContext } from './context.ts';
import type { Membership } from './memberships.ts';
import { recording } from './recording.ts';

/** The national view's address (served by src/http/dashboard/overview.ts). */
export const OVERVIEW_PATH = '/overview';

export type ProgrammeCommandRequest = Omit<CommandRequest, 'actor' | 'resolve'>;

/** A reply, and the programme it came from (the platform renders a check-in form for that programme). */
export interface ProgrammeReply {
  reply: CommandReply;
  ctx: AppContext;
}

const PROGRAMME_OPTION = /(?:^|\s)--programme(?:=|\s+)(\S+)/;

/** `--programme ID` taken out of a command's text. */
export function programmeOption(text: string): { key?: string; text: string } {
  const match = PROGRAMME_OPTION.exec(text);
  if (!match) return { text };
  const rest = `${text.slice(0, match.index)} ${text.slice(match.index + match[0].length)}`;
  return { key: match[1] as string, text: rest.replace(/\s+/g, ' ').trim() };
}

const text = (ok: boolean, body: string): CommandReply => ({ kind: 'text', ok, text: body });

function run(m: Membership, request: ProgrammeCommandRequest, commandText: string): Promise<ProgrammeReply> {
  return runCommand(m.ctx, {
    ...request,
    actor: m.person,
    text: commandText,
    ...(m.resolve ? { resolve: m.resolve } : {}),
  }).then((reply) => ({ reply, ctx: m.ctx }));
}

/**
 * Runs a command typed by someone with these memberships (none: not in any programme). `fallback` answers for nobody
 * (the first programme's context, whose language says "I do not know you").
 */
export async function runProgrammeCommand(
  memberships: readonly Membership[],
  fallback: AppContext,
  request: ProgrammeCommandRequest,
): Promise<ProgrammeReply> {
  const locale = request.locale ?? memberships[0]?.ctx.programme.locale ?? fallback.programme.locale;
  const t = messages(locale).commands;
  const first = memberships[0];
  if (!first) {
    const reply = await runCommand(fallback, { ...request, actor: undefined });
    return { reply, ctx: fallback };
  }
  const option = programmeOption(request.text);
  if (option.key !== undefined) {
    const named = memberships.find((m) => m.ctx.programme.key === option.key);
    // Whether the programme exists is not said to someone who has no role in it.
    if (!named) return { reply: text(false, t.programmes.notMember(option.key)), ctx: first.ctx };
    return run(named, request, option.text);
  }
  if (memberships.length === 1) return run(first, request, request.text);
  const chosen = choose(memberships, request);
  if (chosen !== 'summary' && 'overview' in chosen) {
    // The national view: the link is signed in the first programme they own, and lists all they own.
    const reply = await recording(chosen.overview.ctx, 'command', () =>
      dashboard(chosen.overview.ctx, chosen.overview.person, locale, OVERVIEW_PATH),
    );
    return { reply, ctx: chosen.overview.ctx };
  }
  if (chosen === 'summary') return { reply: text(true, phaseSummary(memberships, locale)), ctx: first.ctx };
  if ('membership' in chosen) return run(chosen.membership, request, chosen.text ?? request.text);
  return { reply: text(false, ask(chosen.among, request, locale)), ctx: first.ctx };
}

type Choice =
  | { membership: Membership; text?: string }
  | { among: readonly Membership[] }
  | { overview: Membership }
  | 'summary';

/** The one programme the command is about, or those it could be about. */
function choose(memberships: readonly Membership[], request: ProgrammeCommandRequest): Choice {
  const only = (candidates: readonly Membership[]): Choice =>
    candidates.length === 1
      ? { membership: candidates[0] as Membership }
      : { among: candidates.length === 0 ? memberships : candidates };
  const first = memberships[0] as Membership;
  const words = request.text.trim().split(/\s+/).filter(Boolean);
  switch (request.command) {
    case 'phase': {
      const [word, ...rest] = words;
      if (word === undefined) return 'summary';
      if (word === 'help' || word === 'aide') return { membership: first };
      const named = memberships.find((m) => m.ctx.programme.key === word);
      if (named) return { membership: named, text: rest.join(' ') };
      if (word === 'dashboard') {
        const owned = memberships.filter((m) => m.ctx.programme.owners.includes(m.person));
        if (owned.length > 1) return { overview: owned[0] as Membership };
        return owned.length === 0 ? { membership: first } : only(owned);
      }
      return only(memberships.filter((m) => findProject(m.ctx.programme.projects, words.join(' '))));
    }
    case 'coaching': {
      const command = parseCoachingCommand(request.text);
      if (command.kind === 'help' || command.kind === 'unknown' || command.kind === 'bad_history') {
        return { membership: first };
      }
      if (command.kind === 'log') {
        const token = command.text.trim().split(/\s+/)[0] ?? '';
        const who = parseWho(token);
        // Where the mentioned person is an intrapreneur this coach (or owner) may log for.
        const able = memberships.filter((m) => {
          const id = who ? (m.resolve ?? programmeResolver(m.ctx.programme))(who) : undefined;
          return id !== undefined && canLogCoaching(m.ctx.programme, m.person, id) && isIntrapreneur(m, id);
        });
        return only(able);
      }
      const who = command.who;
      const seeing = memberships.filter((m) => {
        if (!who) return m.ctx.programme.owners.includes(m.person) || coaches(m);
        const id = (m.resolve ?? programmeResolver(m.ctx.programme))(who);
        return id !== undefined && canSee(m.ctx.programme, m.person, id);
      });
      return only(seeing);
    }
    case 'checkin': {
      const command = parseCheckinCommand(request.text);
      if (command.kind === 'help' || command.kind === 'bad') return { membership: first };
      if (command.kind === 'for') {
        return only(
          memberships.filter((m) => {
            const id = (m.resolve ?? programmeResolver(m.ctx.programme))(command.who);
            return id !== undefined && m.ctx.programme.owners.includes(m.person) && isIntrapreneur(m, id);
          }),
        );
      }
      return only(memberships.filter((m) => isIntrapreneur(m, m.person)));
    }
  }
}

function isIntrapreneur(m: Membership, person: string): boolean {
  return intrapreneurRoles(m.ctx.programme).some((r) => r.person === person);
}

function coaches(m: Membership): boolean {
  return m.ctx.programme.projects.some((p) => p.coach === m.person);
}

/** `/phase` for someone in several programmes: one line each, then how to see one. */
function phaseSummary(memberships: readonly Membership[], locale: CommandRequest['locale']): string {
  const t = messages(locale ?? 'fr').commands.programmes;
  const lines = memberships.map((m) => {
    const { programme } = m.ctx;
    const status = phaseStatus(programme, localDateOf(m.ctx.clock.now(), programme.timezone));
    return t.summaryLine(programme.name, programme.key, status.current?.name, status.next?.phase.name);
  });
  return [t.summaryTitle, ...lines, t.summaryMore].join('\n');
}

/** Which programme? With the command to type for each. */
function ask(
  among: readonly Membership[],
  request: ProgrammeCommandRequest,
  locale: CommandRequest['locale'],
): string {
  const t = messages(locale ?? 'fr').commands.programmes;
  const typed = `/${request.command}${request.text.trim() ? ` ${request.text.trim()}` : ''}`;
  const lines = among.map((m) =>
    t.choice(m.ctx.programme.name, `${typed} --programme ${m.ctx.programme.key}`),
  );
  return [t.which, ...lines].join('\n');
}
