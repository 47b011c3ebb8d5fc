// The owner's weekly digest as text: one message per owner per week, read in one go, whatever the cohort's size. The
// figures and the count of alerts always show; then one line per rule with the names of those it concerns, as many
// as the platform's room allows ("… et 12 autres"), the messages that could not be delivered, and the dashboard,
// where the detail of every alert is.
import { ALERT_RULES, type AlertRule, alertRule } from '../core/alerts.ts';
import type { Choice } from '../core/choice.ts';
import type { CorrectionSummary } from '../core/correction.ts';
import type { WeekDigest } from '../core/messages.ts';
import { findPerson, type Locale, type Programme } from '../core/programme.ts';
import { type WeekId, weekParts } from '../core/week.ts';
import { messages } from '../i18n/index.ts';
import { type Elastic, fitParts, lineList, type Part } from './fit.ts';
import { weekLabel } from './format.ts';

/** The digest names this many corrections at most; the rest are counted (the dashboard shows every figure). */
const DIGEST_CORRECTIONS = 10;

/** "0,5 jour", "en congés", "point de coaching tenu": a figure as a correction shows it before and after. */
function choiceText(field: CorrectionSummary['field'], choice: Choice | undefined, locale: Locale): string {
  const t = messages(locale).chat;
  if (choice === undefined) return t.digest.noAnswer;
  if (field === 'coaching') return t.prompt.coachingRecorded(choice === 'yes');
  return t.prompt.releaseRecorded(choice === 'leave' ? 'leave' : Number(choice));
}

/** The digest's lines about owners' corrections: a title, then one line each (a bounded number). */
export function correctionLines(
  programme: Programme,
  corrections: readonly CorrectionSummary[],
  locale: Locale,
): string[] {
  if (corrections.length === 0) return [];
  const t = messages(locale).chat.digest;
  const name = (id: string) => findPerson(programme, id)?.name ?? id;
  const week = (w: WeekId) => weekParts(w).week;
  const shown = corrections
    .slice(0, DIGEST_CORRECTIONS)
    .map((c) =>
      t.correctionLine(
        name(c.intrapreneur),
        week(c.week),
        choiceText(c.field, c.before, locale),
        choiceText(c.field, c.after, locale),
        c.by.map(name).join(', '),
      ),
    );
  const more = corrections.length - shown.length;
  return [t.corrections(corrections.length), ...shown, ...(more > 0 ? [t.moreCorrections(more)] : [])];
}

export function digestTitle(digest: WeekDigest, locale: Locale): string {
  return messages(locale).chat.digest.title(weekLabel(digest.week, locale));
}

/** The names under each rule, in the order the digest lists the rules, each list in alphabetical order. */
export function alertsByRule(
  programme: Programme,
  digest: WeekDigest,
  locale: Locale,
): { rule: AlertRule; names: string[] }[] {
  const collator = new Intl.Collator(locale);
  const name = (id: string) => findPerson(programme, id)?.name ?? id;
  return ALERT_RULES.map((rule) => ({
    rule,
    names: digest.alerts
      .filter((a) => (a.rule ?? alertRule(a)) === rule)
      .map((a) => name(a.intrapreneur))
      .sort(collator.compare),
  })).filter((group) => group.names.length > 0);
}

/** Everything under the title, within `max` characters. */
export function digestBody(programme: Programme, digest: WeekDigest, locale: Locale, max: number): string {
  const t = messages(locale).chat;
  const d = t.digest;
  const name = (id: string) => findPerson(programme, id)?.name ?? id;
  const parts: Part[] = [
    d.release(digest.honoured, digest.intrapreneurs, digest.missed, digest.unknown, digest.exempt),
    d.coaching(digest.coachingHeld, digest.intrapreneurs),
    d.alerts(digest.alerts.length),
  ];
  for (const { rule, names } of alertsByRule(programme, digest, locale)) {
    const group: Elastic = {
      prefix: d.alertGroup(t.alert.title[rule], names.length),
      items: names,
      separator: ', ',
      more: d.others,
    };
    parts.push(group);
  }
  if (digest.undelivered.length > 0) {
    parts.push(d.undelivered(digest.undelivered.length));
    parts.push(
      lineList(
        digest.undelivered.map((u) => d.undeliveredLine(name(u.recipient), u.kind, u.error)),
        d.undeliveredOthers,
      ),
    );
  }
  const corrections = correctionLines(programme, digest.corrections ?? [], locale);
  if (corrections.length > 0) {
    const [heading = '', ...lines] = corrections;
    parts.push(heading, lineList(lines, d.moreCorrections));
  }
  if (digest.dashboardUrl) parts.push(d.dashboard(digest.dashboardUrl));
  return fitParts(parts, max);
}
