// The programmes one deployment serves (`PROGRAMME_FILE` naming a directory), each with its complete context: its own
// programme, store (scoped to its rows), chat port and dashboard links, all over one database, one clock and one
// logger. Built once by the composition root (src/runtime.ts); the use cases still take one context each, and
// whatever serves several programmes (the scheduler, the CLI, the platforms' inbound side) picks the context first.
import type { AppContext } from './context.ts';

export class Programmes {
  readonly #byKey: ReadonlyMap<string, AppContext>;

  constructor(readonly all: readonly AppContext[]) {
    if (all.length === 0) throw new Error('a deployment serves at least one programme');
    this.#byKey = new Map(all.map((ctx) => [ctx.programme.key, ctx]));
  }

  /** The first programme (in file name order): the one a single-programme deployment serves. */
  get first(): AppContext {
    return this.all[0] as AppContext;
  }

  get several(): boolean {
    return this.all.length > 1;
  }

  get(key: string): AppContext | undefined {
    return this.#byKey.get(key);
  }
}
