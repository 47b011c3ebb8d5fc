// The pages a check-in mail's links open, in the frame of the bot's other pages (DSFR): the week's two questions with
// the answer chosen in the mail already selected, a comment, one button; and the pages that say why a link does not
// work (and whom to ask).

import type { CheckinAnswer } from '../../core/checkin.ts';
import {
  type CoachingChoice,
  coachingChoices,
  type ReleaseChoice,
  releaseChoices,
} from '../../core/choice.ts';
import { findPerson, type Locale, type Person, type Programme } from '../../core/programme.ts';
import type { WeekId } from '../../core/week.ts';
import { type Html, html, query } from '../../http/web/html.ts';
import { layout } from '../../http/web/layout.ts';
import { messages } from '../../i18n/index.ts';
import { weekLabel } from '../../render/format.ts';
import { recordedLine } from '../../render/render-text.ts';

export const CHECKIN_PATH = '/email/checkin';

export type Refusal = keyof ReturnType<typeof messages>['email']['page']['refused'];

export interface PageBase {
  programme: Programme;
  locale: Locale;
  /** The page's own address parameters, to offer it in the other language. */
  params: Record<string, string | undefined>;
}

export interface CheckinPage extends PageBase {
  person: Person;
  week: WeekId;
  answer: CheckinAnswer | undefined;
  token: string;
  formToken: string;
  /** What the form shows selected: the mail's choice, else what is recorded. */
  selected: { release?: ReleaseChoice; coaching?: CoachingChoice; comment?: string };
  /** First visit from a mail's link (nothing confirmed yet), or back after saving. */
  state: 'confirm' | 'saved' | 'unchanged' | 'open';
  /** A refusal of the last post, shown above the form (a comment too long). */
  error?: string;
}

function frame(base: PageBase, title: string, main: Html): Html {
  const other: Locale = base.locale === 'fr' ? 'en' : 'fr';
  return layout({
    locale: base.locale,
    title,
    tagline: base.programme.name,
    nav: [],
    otherLanguage: { locale: other, href: `${CHECKIN_PATH}${query({ ...base.params, lang: other })}` },
    main,
  });
}

function radios(
  name: string,
  legend: string,
  options: { value: string; label: string }[],
  selected?: string,
): Html {
  return html`<fieldset class="fr-fieldset" id="${name}" aria-labelledby="${name}-legend">
<legend class="fr-fieldset__legend" id="${name}-legend">${legend}</legend>
${options.map(
  (o) => html`<div class="fr-fieldset__element"><div class="fr-radio-group">
<input type="radio" id="${name}-${o.value}" name="${name}" value="${o.value}"${o.value === selected ? html` checked` : ''}>
<label class="fr-label" for="${name}-${o.value}">${o.label}</label>
</div></div>`,
)}
</fieldset>`;
}

function notice(kind: 'success' | 'info' | 'error', text: string): Html {
  return html`<div class="fr-alert fr-alert--${kind} fr-alert--sm fr-mb-4w" role="${kind === 'error' ? 'alert' : 'status'}"><p>${text}</p></div>`;
}

export function checkinPage(page: CheckinPage): Html {
  const t = messages(page.locale);
  const p = t.email.page;
  const title = t.chat.prompt.title(weekLabel(page.week, page.locale));
  const lang = page.locale === page.programme.locale ? undefined : page.locale;
  const status =
    page.state === 'saved'
      ? notice('success', p.saved)
      : page.state === 'unchanged'
        ? notice('info', p.unchanged)
        : '';
  const main = html`<h1>${title}</h1>
<p class="fr-text--lead">${p.whose(page.person.name)}</p>
${page.error ? notice('error', page.error) : status}
<p id="recorded">${recordedLine(page.answer, page.locale)}</p>
<form method="post" action="${CHECKIN_PATH}" class="fr-mt-4w">
<input type="hidden" name="t" value="${page.token}">
<input type="hidden" name="form" value="${page.formToken}">
${lang ? html`<input type="hidden" name="lang" value="${lang}">` : ''}
<p>${page.state === 'confirm' ? p.confirmLead : p.changeLead}</p>
${radios(
  'release',
  t.chat.prompt.releaseQuestion,
  releaseChoices.map((c) => ({ value: c, label: t.email.prompt.release[c] ?? c })),
  page.selected.release,
)}
${radios(
  'coaching',
  t.chat.prompt.coachingQuestion,
  coachingChoices.map((c) => ({ value: c, label: t.email.prompt.coaching[c] })),
  page.selected.coaching,
)}
<div class="fr-input-group">
<label class="fr-label" for="comment">${p.commentLabel}<span class="fr-hint-text" id="comment-hint">${p.commentHint}</span></label>
<textarea class="fr-input" id="comment" name="comment" rows="3" maxlength="2000" aria-describedby="comment-hint">${page.selected.comment ?? ''}</textarea>
</div>
<button type="submit" class="fr-btn">${page.state === 'confirm' ? p.confirm : p.save}</button>
</form>`;
  return frame(page, title, main);
}

/** Whom to ask when a link no longer works: the programme's owners, who may still correct an answer. */
function owners(programme: Programme, locale: Locale): Html {
  const people = programme.owners.map((id) => findPerson(programme, id)).filter((p) => p !== undefined);
  if (people.length === 0) return html``;
  return html`<p>${messages(locale).email.page.askOwners}</p>
<ul>${people.map((o) => html`<li><a href="mailto:${o.email}">${o.name}</a></li>`)}</ul>`;
}

export function refusalPage(
  base: PageBase,
  refusal: Refusal,
  options: { week?: WeekId; showOwners: boolean },
): Html {
  const entry = messages(base.locale).email.page.refused[refusal];
  const body =
    typeof entry.body === 'function'
      ? entry.body(options.week ? weekLabel(options.week, base.locale) : '')
      : entry.body;
  const title = entry.title;
  return frame(
    base,
    title,
    html`<h1>${title}</h1><p>${body}</p>${options.showOwners ? owners(base.programme, base.locale) : ''}`,
  );
}
