// `--wait` / `--no-wait` of prompt, remind and evaluate, and what they print of the run's messages once the wait is
// over: each message not delivered, to whom, and why.
import type { DeliveryState } from '../app/delivery.ts';
import { findPerson, type Locale, type Programme } from '../core/programme.ts';
import { messages } from '../i18n/index.ts';

/** How long a verb waits for its messages unless told otherwise. */
export const DEFAULT_WAIT_MS = 5 * 60_000;

const DURATION = /^(?:(\d+)h)?(?:(\d+)(?:min|m))?(?:(\d+)s)?$/;

/** `30s`, `5m`, `1h`, `1h30m`, `0`: milliseconds, or undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const value = text.trim().toLowerCase();
  if (value === '0') return 0;
  const match = DURATION.exec(value);
  if (!match || value === '') return undefined;
  const [, h, m, s] = match;
  return Number(h ?? 0) * 3_600_000 + Number(m ?? 0) * 60_000 + Number(s ?? 0) * 1000;
}

/** Time of day in the programme's time zone, to the second: retries come seconds apart. */
function timeOfDay(at: Date, programme: Programme, locale: Locale): string {
  return at.toLocaleTimeString(locale === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: programme.timezone });
}

/** One line per message not delivered, refused ones first. */
export function undeliveredLines(programme: Programme, state: DeliveryState, locale: Locale): string[] {
  const t = messages(locale).cli.delivery;
  const who = (recipient: string) =>
    recipient.startsWith('#') ? recipient : (findPerson(programme, recipient)?.name ?? recipient);
  return [
    ...state.failed.map((u) => t.failedLine(who(u.recipient), t.kinds[u.kind], u.error ?? t.noReason)),
    ...state.pending.map((u) =>
      u.sending
        ? t.sendingLine(who(u.recipient), t.kinds[u.kind])
        : t.pendingLine(
            who(u.recipient),
            t.kinds[u.kind],
            u.error ?? t.noReason,
            timeOfDay(u.nextAttemptAt, programme, locale),
          ),
    ),
  ];
}
