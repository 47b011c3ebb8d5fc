// The bot's messages as the sandbox page shows them: the weekly check-in with its buttons and comment form (as Block
// Kit shows it in Slack), reminders, alerts, digests and dashboard links. The words come from the locale files.

import type { CheckinAnswer } from '../../core/checkin.ts';
import { coachingChoice, releaseChoice, releaseChoices } from '../../core/choice.ts';
import type { SandboxMessage } from '../../core/ports.ts';
import { findPerson, type Locale, type Programme } from '../../core/programme.ts';
import type { WeekId } from '../../core/week.ts';
import { type Html, html, query } from '../../http/web/html.ts';
import { messages } from '../../i18n/index.ts';
import { digestBody, digestTitle } from '../../render/digest-text.ts';
import { weekLabel } from '../../render/format.ts';
import { alertText, programmeLine, recordedLine, renderText } from '../../render/render-text.ts';
import { SANDBOX_LIMITS } from '../limits.ts';

export interface Viewer {
  programme: Programme;
  /** Person id of whom the page is shown as. */
  person: string;
  locale: Locale;
  /** The `lang` parameter to carry through forms (unset for the programme's own language). */
  lang: string | undefined;
  /** The `p` parameter (the programme's key) to carry through links and forms, when the bot serves several. */
  p?: string | undefined;
}

/** Where a form of the page posts: with the programme named, when the bot serves several. */
export function formAction(viewer: Pick<Viewer, 'p'>, path: string): string {
  return `${path}${query({ p: viewer.p })}`;
}

export interface PromptState {
  week: WeekId;
  intrapreneur: string;
  answer: CheckinAnswer | undefined;
  /** Evaluated, and the viewer is not an owner: the answer can no longer be changed here. */
  closed: boolean;
  /**
   * The key of the programme the check-in is in, posted with each click, when the bot serves several: a `/checkin`
   * typed on one programme's page may answer with a check-in of another of the person's programmes.
   */
  programme?: string;
}

function hidden(viewer: Viewer, fields: Record<string, string>): Html {
  const all = { as: viewer.person, ...(viewer.lang ? { lang: viewer.lang } : {}), ...fields };
  return html`${Object.entries(all).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}`;
}

function choiceButton(label: string, value: string, selected: boolean): Html {
  return html`<li><button type="submit" name="value" value="${value}" class="fr-btn fr-btn--sm${selected ? '' : ' fr-btn--secondary'}" aria-pressed="${selected ? 'true' : 'false'}">${label}</button></li>`;
}

/** The check-in form of one week: in the Friday message, and in the answer to `/checkin`. */
export function checkinForm(viewer: Viewer, state: PromptState, place: string): Html {
  const p = messages(viewer.locale).chat.prompt;
  const s = messages(viewer.locale).sandbox;
  const { answer, week } = state;
  const recorded = html`<p class="cb-recorded fr-text--sm fr-mb-0">${recordedLine(answer, viewer.locale)}</p>`;
  if (state.closed) {
    return html`<p class="fr-text--sm">${p.releaseQuestion}<br>${p.coachingQuestion}</p>${recorded}<p class="fr-text--xs fr-mb-0">${s.closed}</p>`;
  }
  const base = {
    week,
    intrapreneur: state.intrapreneur,
    ...(state.programme ? { programme: state.programme } : {}),
  };
  const release = releaseChoice(answer?.release);
  const coaching = coachingChoice(answer?.coachingHeld);
  const commentId = `comment-${place}-${week}`;
  return html`<form method="post" action="${formAction(viewer, '/sandbox/answer')}" class="cb-question">
  ${hidden(viewer, { ...base, field: 'release' })}
  <p class="cb-question__label" id="release-${place}-${week}">${p.releaseQuestion}</p>
  <div role="group" aria-labelledby="release-${place}-${week}"><ul class="fr-btns-group fr-btns-group--inline-sm">
    ${releaseChoices.map((choice) => choiceButton(p.choices[choice] ?? choice, choice, release === choice))}
  </ul></div>
</form>
<form method="post" action="${formAction(viewer, '/sandbox/answer')}" class="cb-question">
  ${hidden(viewer, { ...base, field: 'coaching' })}
  <p class="cb-question__label" id="coaching-${place}-${week}">${p.coachingQuestion}</p>
  <div role="group" aria-labelledby="coaching-${place}-${week}"><ul class="fr-btns-group fr-btns-group--inline-sm">
    ${choiceButton(p.yes, 'yes', coaching === 'yes')}
    ${choiceButton(p.no, 'no', coaching === 'no')}
  </ul></div>
</form>
<form method="post" action="${formAction(viewer, '/sandbox/answer')}" class="cb-question">
  ${hidden(viewer, { ...base, field: 'comment' })}
  <div class="fr-input-group fr-mb-1w">
    <label class="fr-label" for="${commentId}">${p.comment}</label>
    <textarea class="fr-input" id="${commentId}" name="comment" rows="2" maxlength="2000">${answer?.comment ?? ''}</textarea>
  </div>
  <button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary">${s.saveComment}</button>
</form>
${recorded}`;
}

function when(at: Date, viewer: Viewer): string {
  return new Intl.DateTimeFormat(viewer.locale === 'fr' ? 'fr-FR' : 'en-GB', {
    timeZone: viewer.programme.timezone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}

function body(viewer: Viewer, row: SandboxMessage, prompt: PromptState | undefined): Html {
  const { programme, locale } = viewer;
  const t = messages(locale).chat;
  const s = messages(locale).sandbox;
  const m = row.message;
  switch (m.kind) {
    case 'prompt': {
      const name = findPerson(programme, m.intrapreneur)?.name ?? m.intrapreneur;
      const state = prompt ?? { week: m.week, intrapreneur: m.intrapreneur, answer: m.answer, closed: true };
      const line = programmeLine(m, locale);
      return html`<h3 class="fr-h6 fr-mb-1w">${t.prompt.title(weekLabel(m.week, locale))}</h3>
${line ? html`<p class="fr-text--sm fr-mb-1w cb-programme">${line}</p>` : ''}<p class="fr-text--sm">${t.prompt.intro(name)}</p>
${checkinForm(viewer, state, `m${row.id}`)}`;
    }
    case 'reminder':
      return html`<p class="cb-lines">${renderText(programme, m, locale)}</p>
<form method="post" action="${formAction(viewer, '/sandbox/command')}">${hidden(viewer, { text: '/checkin' })}<button type="submit" class="fr-btn fr-btn--sm fr-btn--secondary">${s.openCheckin}</button></form>`;
    case 'alert': {
      const { title, body: text } = alertText(programme, m.alert, locale);
      return html`<h3 class="fr-h6 fr-mb-1w cb-alert-title">⚠ ${title}</h3><p class="fr-mb-0">${text}</p>`;
    }
    case 'digest': {
      const body = digestBody(programme, m.digest, locale, SANDBOX_LIMITS.message);
      return html`<h3 class="fr-h6 fr-mb-1w">${digestTitle(m.digest, locale)}</h3><p class="cb-lines fr-mb-0">${body}</p>`;
    }
    case 'dashboard_link':
      return html`<p class="cb-lines">${renderText(programme, m, locale)}</p><a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="${m.url}">${s.openDashboard}</a>`;
  }
}

export function messageCard(viewer: Viewer, row: SandboxMessage, prompt?: PromptState): Html {
  const s = messages(viewer.locale).sandbox;
  const kind = row.message.kind;
  const week = kind === 'prompt' || kind === 'reminder' ? row.message.week : undefined;
  return html`<li class="cb-message cb-message--${kind}" id="m${row.id}" data-kind="${kind}"${week ? html` data-week="${week}"` : ''}>
<p class="cb-message__meta"><strong>coaching-bot</strong> <span class="fr-badge fr-badge--sm fr-badge--no-icon">${s.bot}</span> <time datetime="${row.createdAt.toISOString()}">${when(row.createdAt, viewer)}</time></p>
${body(viewer, row, prompt)}
</li>`;
}
