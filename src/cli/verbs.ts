// One function per verb. Input is checked before anything is opened, so a bad file or a bad week writes nothing.
import { existsSync } from 'node:fs';
import { programmeStatus } from '../app/status.ts';
import { loadProgrammeSet, type ProgrammeSource } from '../config/programme-set.ts';
import { intrapreneurRoles } from '../core/programme.ts';
import { messages } from '../i18n/index.ts';
import { statusText } from '../render/status-text.ts';
import { ProgrammeFileError } from '../runtime.ts';
import { connectDatabase } from '../storage/storage.ts';
import { dataVerbs } from './data-verbs.ts';
import { packVerb } from './pack.ts';
import { selectedProgrammes } from './programme-option.ts';
import { reportVerb } from './report-verb.ts';
import { eachProgramme, withRuntime } from './runtime-verb.ts';
import { serve } from './serve.ts';
import { UsageError, type Verb } from './types.ts';
import { weeklyVerbs } from './weekly-verbs.ts';

export const verbs: Record<string, Verb> = {
  async check(input) {
    const path = input.positionals[0] ?? input.env.programmeFile;
    const load = loadProgrammeSet(path);
    if (!load.ok) throw new ProgrammeFileError(load.files);
    input.setLocale((load.programmes[0] as ProgrammeSource).programme.locale);
    for (const { file, programme: p } of load.programmes) {
      const t = messages(p.locale);
      input.output.out(
        t.cli.valid(file, p.name, p.projects.length, intrapreneurRoles(p).length, p.phases.length),
      );
      if (p.keyFromName) input.output.err(`${file}: ${t.config.keyFromName(p.key)}`);
    }
    return 0;
  },

  async migrate(input) {
    const database = await connectDatabase(input.env.databaseUrl);
    try {
      await database.migrate();
      input.output.out(messages('fr').cli.migrated(database.where));
    } finally {
      await database.close();
    }
    return 0;
  },

  ...weeklyVerbs,

  report: reportVerb,

  async status(input) {
    const programmes = selectedProgrammes(input);
    return withRuntime(input, programmes, (registry) =>
      eachProgramme(input, registry, async (ctx) => {
        input.output.out(statusText(ctx.programme, await programmeStatus(ctx), ctx.programme.locale));
        return 0;
      }),
    );
  },

  async start(input) {
    if (!existsSync(input.env.programmeFile))
      throw new UsageError(messages('fr').cli.programmeNotFound(input.env.programmeFile));
    return serve(input);
  },

  pack: packVerb,

  ...dataVerbs,
};
