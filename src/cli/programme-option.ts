// `--programme ID`: which programmes a verb acts on, when `PROGRAMME_FILE` names a directory of several. Without it,
// a verb acts on each programme in turn (or, for one that needs one programme, asks which).
import type { Programme } from '../core/programme.ts';
import { messages } from '../i18n/index.ts';
import { loadProgrammes } from '../runtime.ts';
import { UsageError, type VerbInput } from './types.ts';

/** The programmes the verb acts on, checked; the locale is the first one's. */
export function selectedProgrammes(input: VerbInput): Programme[] {
  const all = loadProgrammes(input.env.programmeFile);
  const first = all[0] as Programme;
  input.setLocale(first.locale);
  const wanted = input.options.programme;
  if (wanted === undefined) return all;
  const found = all.find((p) => p.key === wanted);
  if (!found) {
    throw new UsageError(
      messages(first.locale).cli.unknownProgramme(
        wanted,
        all.map((p) => p.key),
      ),
    );
  }
  input.setLocale(found.locale);
  return [found];
}

/** The one programme a verb works on: the only one, or the one `--programme` names. */
export function oneProgramme(input: VerbInput, verb: string): Programme {
  const chosen = selectedProgrammes(input);
  const first = chosen[0] as Programme;
  if (chosen.length > 1) {
    throw new UsageError(
      messages(first.locale).cli.programmeNeeded(
        verb,
        chosen.map((p) => p.key),
      ),
    );
  }
  return first;
}

/** The line that heads a programme's part of a verb's output, when it acts on several. */
export function programmeHeading(programme: Programme): string {
  return messages(programme.locale).cli.programmeHeading(programme.name, programme.key);
}
