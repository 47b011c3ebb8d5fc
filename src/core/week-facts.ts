// What the compliance rules know of each (intrapreneur, week): the answer reduced to its release and coaching click,
// whether the weekly prompt was sent, whether a coach logged a session. An evaluation reads it for thousands of
// intrapreneurs over several weeks, so it is kept packed: a number per intrapreneur, a few bytes per pair, and no
// object per pair (a cohort of 10,000 over nine weeks takes under a megabyte).
import type { Release, ReleasedDays, WeekFact } from './checkin.ts';
import type { WeekId } from './week.ts';

// The bits of a pair's flags.
const ANSWERED = 1;
const DAYS = 2;
const LEAVE = 4;
const HELD = 8;
const NOT_HELD = 16;
const ASKED = 32;
const LOGGED = 64;

/** One week: the flags and released days of every intrapreneur, by the intrapreneur's number. */
interface WeekColumn {
  flags: Uint8Array;
  days: Float64Array;
}

export class WeekFacts {
  /** Each intrapreneur's number, in order of appearance: their place in every week's column. */
  readonly #numbers = new Map<string, number>();
  readonly #weeks = new Map<WeekId, WeekColumn>();

  /** Records an answer (what the rules read of it), replacing what an earlier one for the same week said. */
  addAnswer(answer: WeekFact): this {
    const release = answer.release?.kind === 'leave' ? 'leave' : answer.release?.days;
    return this.addAnswerOf(this.#number(answer.intrapreneur), answer.week, release, answer.coachingHeld);
  }

  /** The prompt of that week was sent to the intrapreneur. */
  addAsked(intrapreneur: string, week: WeekId): this {
    return this.addAskedOf(this.#number(intrapreneur), week);
  }

  /** A coach logged a session with the intrapreneur that week. */
  addLogged(intrapreneur: string, week: WeekId): this {
    return this.addLoggedOf(this.#number(intrapreneur), week);
  }

  // For a store loading thousands of facts: the intrapreneur's number once, then the facts by number, with no object
  // made per fact. A number is only meaningful as given by `numberOf`.

  numberOf(intrapreneur: string): number {
    return this.#number(intrapreneur);
  }

  /** `addAnswer` by number; `release`: leave, a number of days released, or nothing said. */
  addAnswerOf(
    n: number,
    week: WeekId,
    release: 'leave' | number | undefined,
    coachingHeld: boolean | undefined,
  ): this {
    const column = this.#column(week, n);
    let flags = ((column.flags[n] ?? 0) & (ASKED | LOGGED)) | ANSWERED;
    if (release === 'leave') {
      flags |= LEAVE;
    } else if (release !== undefined) {
      flags |= DAYS;
      column.days[n] = release;
    }
    if (coachingHeld === true) flags |= HELD;
    else if (coachingHeld === false) flags |= NOT_HELD;
    column.flags[n] = flags;
    return this;
  }

  addAskedOf(n: number, week: WeekId): this {
    return this.#mark(n, week, ASKED);
  }

  addLoggedOf(n: number, week: WeekId): this {
    return this.#mark(n, week, LOGGED);
  }

  /** The answer of that week, as the rules read it; undefined when there is none. */
  answer(intrapreneur: string, week: WeekId): WeekFact | undefined {
    const flags = this.#flags(intrapreneur, week);
    if (!(flags & ANSWERED)) return undefined;
    const fact: WeekFact = { intrapreneur, week };
    const release = this.release(intrapreneur, week);
    if (release) fact.release = release;
    const held = this.coachingHeld(intrapreneur, week);
    if (held !== undefined) fact.coachingHeld = held;
    return fact;
  }

  answered(intrapreneur: string, week: WeekId): boolean {
    return (this.#flags(intrapreneur, week) & ANSWERED) !== 0;
  }

  release(intrapreneur: string, week: WeekId): Release | undefined {
    const flags = this.#flags(intrapreneur, week);
    if (flags & LEAVE) return { kind: 'leave' };
    const days = this.releasedDays(intrapreneur, week);
    return days === undefined ? undefined : { kind: 'days', days: days as ReleasedDays };
  }

  /** The days released that week, when the answer gave a number of days (not leave, not nothing). */
  releasedDays(intrapreneur: string, week: WeekId): number | undefined {
    const n = this.#numbers.get(intrapreneur);
    const column = this.#weeks.get(week);
    if (n === undefined || !column || !((column.flags[n] ?? 0) & DAYS)) return undefined;
    return column.days[n];
  }

  /** Whether the leave box was ticked that week. */
  onLeave(intrapreneur: string, week: WeekId): boolean {
    return (this.#flags(intrapreneur, week) & LEAVE) !== 0;
  }

  coachingHeld(intrapreneur: string, week: WeekId): boolean | undefined {
    const flags = this.#flags(intrapreneur, week);
    return flags & HELD ? true : flags & NOT_HELD ? false : undefined;
  }

  asked(intrapreneur: string, week: WeekId): boolean {
    return (this.#flags(intrapreneur, week) & ASKED) !== 0;
  }

  logged(intrapreneur: string, week: WeekId): boolean {
    return (this.#flags(intrapreneur, week) & LOGGED) !== 0;
  }

  #flags(intrapreneur: string, week: WeekId): number {
    const n = this.#numbers.get(intrapreneur);
    return n === undefined ? 0 : (this.#weeks.get(week)?.flags[n] ?? 0);
  }

  #mark(n: number, week: WeekId, bit: number): this {
    const column = this.#column(week, n);
    column.flags[n] = (column.flags[n] ?? 0) | bit;
    return this;
  }

  /** The intrapreneur's number, given at first sight. */
  #number(intrapreneur: string): number {
    let n = this.#numbers.get(intrapreneur);
    if (n === undefined) {
      n = this.#numbers.size;
      this.#numbers.set(intrapreneur, n);
    }
    return n;
  }

  /** The week's column, made or grown so that it holds number `n`. */
  #column(week: WeekId, n: number): WeekColumn {
    let column = this.#weeks.get(week);
    if (!column) {
      column = { flags: new Uint8Array(0), days: new Float64Array(0) };
      this.#weeks.set(week, column);
    }
    if (n >= column.flags.length) {
      // Room for everyone numbered so far, and more: a column grows a few times, not at every new intrapreneur.
      const size = Math.max(64, this.#numbers.size * 2);
      const flags = new Uint8Array(size);
      flags.set(column.flags);
      const days = new Float64Array(size);
      days.set(column.days);
      column.flags = flags;
      column.days = days;
    }
    return column;
  }
}
