// The owner's weekly digest as text: one message per owner per week, read in one go, whatever the cohort's size. The
// figures and the count of alerts always show; then one line per rule with the names of those it concerns, as many
// as the platform's room allows ("… et 12 autres"), the messages that could not be delivered, and the dashboard,
// where the detail of every alert is.
import { ALERT_RULES, type AlertRule, alertRule } from '../core/alerts.ts';
import type { WeekDigest } from '../core/messages.ts';
import { findPerson, type Locale, type Programme } from '../core/programme.ts';
import { messages } from '../i18n/index.ts';
import { type Elastic, fitParts, lineList, type Part } from './fit.ts';
import { weekLabel } from './format.ts';

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
  if (digest.dashboardUrl) parts.push(d.dashboard(digest.dashboardUrl));
  return fitParts(parts, max);
}
