// `coaching-bot pack [--project ID] [--with-notes] --output FILE.pdf`: the committee pack as a PDF, for every project
// or one. The options are checked before the database is opened, so a mistake writes nothing.
import { writeFileSync } from 'node:fs';
import { committeePack, findProject } from '../app/committee-pack.ts';
import { AppError } from '../core/errors.ts';
import { messages } from '../i18n/index.ts';
import { createLogger } from '../logger.ts';
import { errorText } from '../render/error-text.ts';
import { packPdf } from '../render/pack-pdf.ts';
import { openRuntime } from '../runtime.ts';
import { oneProgramme } from './programme-option.ts';
import { UsageError, type Verb } from './types.ts';

export const packVerb: Verb = async (input) => {
  const programme = oneProgramme(input, 'pack');
  const locale = programme.locale;
  const t = messages(locale).cli.pack;
  const file = input.options.output;
  if (!file) throw new UsageError(t.needsOutput);
  const named = input.options.project;
  const project = named === undefined ? undefined : findProject(programme.projects, named);
  if (named !== undefined && !project) {
    throw new UsageError(errorText(programme, new AppError('unknown_project', { project: named }), locale));
  }
  const withNotes = input.options['with-notes'] === true;
  const runtime = await openRuntime(input.env, {
    logger: createLogger(input.env.logLevel),
    programme,
    ...(input.clock ? { clock: input.clock } : {}),
  });
  try {
    const pack = await committeePack(runtime.ctx, { ...(project ? { project: project.id } : {}), withNotes });
    // Names, figures and perhaps the coaches' notes: readable by its owner only.
    writeFileSync(file, await packPdf(pack, locale), { mode: 0o600 });
    input.output.out(t.written(file, pack.projects.length, withNotes));
    return 0;
  } finally {
    await runtime.close();
  }
};
