// What every verb receives and returns, in a module of its own: `main.ts` dispatches, `verbs.ts`, `data-verbs.ts` and
// `serve.ts` implement verbs, and none of them needs to import another for its types (no import circle).
import type { Env } from '../config/env.ts';
import type { Clock } from '../core/ports.ts';
import type { Locale } from '../core/programme.ts';

export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** Asks a question and returns the answer; absent when nobody is at a terminal to answer. */
  ask?(question: string): Promise<string>;
}

/** A mistake in the command line: `main` prints the message and exits with 1. */
export class UsageError extends Error {}

export interface VerbInput {
  options: {
    week?: string;
    from?: string;
    to?: string;
    format?: string;
    person?: string;
    yes?: boolean;
    output?: string;
    wait?: string;
    'no-wait'?: boolean;
    project?: string;
    'with-notes'?: boolean;
    /** `--programme ID`: the one programme to act on, when `PROGRAMME_FILE` names several. */
    programme?: string;
  };
  /** The CLI runs on the system's clock; tests give theirs. */
  clock?: Clock;
  positionals: string[];
  env: Env;
  output: Output;
  setLocale(locale: Locale): void;
}

export type Verb = (input: VerbInput) => Promise<number>;
