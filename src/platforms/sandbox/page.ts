// The sandbox page: pick whom you are, read what the bot sent you, click, type commands, and (as an owner) run the
// week's jobs by hand.
import { randomUUID } from 'node:crypto';
import { rolesOf } from '../../app/access.ts';
import type { CommandReply } from '../../app/commands.ts';
import { findPerson, type Person, type Programme } from '../../core/programme.ts';
import type { WeekId } from '../../core/week.ts';
import { type Html, html, query, withCode } from '../../http/web/html.ts';
import { messages } from '../../i18n/index.ts';
import { weekLabel } from '../../render/format.ts';
import { programmeLine } from '../../render/render-text.ts';
import { checkinForm, formAction, type PromptState, type Viewer } from './render.ts';

type Role = 'owner' | 'coach' | 'intrapreneur' | 'manager' | 'other';

export function roleOf(programme: Programme, person: string): Role {
  const roles = rolesOf(programme, person);
  if (roles.owner) return 'owner';
  if (roles.intrapreneur) return 'intrapreneur';
  if (roles.coachOf.length > 0) return 'coach';
  if (roles.managerOf.length > 0) return 'manager';
  return 'other';
}

const ROLE_ORDER: Role[] = ['owner', 'coach', 'intrapreneur', 'manager', 'other'];

export function chooser(programme: Programme, viewer: Omit<Viewer, 'person'>): Html {
  const s = messages(viewer.locale).sandbox;
  const groups = ROLE_ORDER.map((role) => ({
    role,
    people: programme.people.filter((p) => roleOf(programme, p.id) === role),
  })).filter((g) => g.people.length > 0);
  return html`<h1>${s.title}</h1>
<p class="fr-text--lead">${s.intro}</p>
<ol class="fr-mb-4w">${s.steps.map((step) => html`<li>${step}</li>`)}</ol>
<h2>${s.chooseTitle}</h2>
${groups.map(
  (g) => html`<h3 class="fr-h5">${s.roles[g.role]}</h3>
<ul class="cb-people">${g.people.map(
    (p) =>
      html`<li><a class="fr-btn fr-btn--secondary" href="/${query({ as: p.id, p: viewer.p, lang: viewer.lang })}">${p.name}</a></li>`,
  )}</ul>`,
)}`;
}

function switcher(programme: Programme, viewer: Viewer): Html {
  const s = messages(viewer.locale).sandbox;
  return html`<form method="get" action="/" class="cb-switcher">
${viewer.lang ? html`<input type="hidden" name="lang" value="${viewer.lang}">` : ''}
${viewer.p ? html`<input type="hidden" name="p" value="${viewer.p}">` : ''}
<div class="fr-select-group">
  <label class="fr-label" for="as">${s.switchLabel}</label>
  <select class="fr-select" id="as" name="as">
    ${programme.people.map(
      (p) =>
        html`<option value="${p.id}"${p.id === viewer.person ? html` selected` : ''}>${p.name} — ${s.roles[roleOf(programme, p.id)]}</option>`,
    )}
  </select>
</div>
<button type="submit" class="fr-btn fr-btn--sm fr-btn--secondary">${s.switchButton}</button>
</form>`;
}

function ephemeralBox(viewer: Viewer, ephemeral: NonNullable<ConversationView['ephemeral']>): Html {
  const { typed, reply, checkins } = ephemeral;
  const s = messages(viewer.locale).sandbox;
  const ok = reply.kind === 'checkin' || reply.ok;
  // A `/checkin` may answer with a check-in of another of the person's programmes than the page's.
  const programme = ephemeral.programme ?? viewer.programme;
  const line = reply.kind === 'checkin' ? programmeLine(reply, viewer.locale) : undefined;
  const content =
    reply.kind === 'text'
      ? html`<p class="cb-lines">${withCode(reply.text)}</p>`
      : html`${reply.owner ? html`<p class="fr-text--sm">${messages(viewer.locale).commands.checkinFor(findPerson(programme, reply.intrapreneur)?.name ?? reply.intrapreneur)}</p>` : ''}${line ? html`<p class="fr-text--sm cb-programme">${line}</p>` : ''}${checkins.map(
          (state) =>
            html`<div class="fr-mb-3w"><h3 class="fr-h6">${messages(viewer.locale).chat.prompt.title(weekLabel(state.week, viewer.locale))}</h3>${checkinForm(viewer, state, 'checkin')}</div>`,
        )}`;
  return html`<section id="ephemeral" class="cb-ephemeral cb-ephemeral--${ok ? 'ok' : 'error'} fr-mb-4w" role="status" aria-labelledby="ephemeral-title">
<p id="ephemeral-title" class="fr-text--sm fr-mb-1w"><span class="fr-icon-eye-off-line fr-icon--sm" aria-hidden="true"></span> ${s.onlyYou}</p>
${typed ? html`<p class="cb-typed fr-text--sm"><code>${typed}</code></p>` : ''}
${content}
</section>`;
}

function ownerPanel(viewer: Viewer, weeks: WeekId[], selected: WeekId | undefined): Html {
  const s = messages(viewer.locale).sandbox;
  if (weeks.length === 0)
    return html`<section class="fr-mb-4w"><h2>${s.owner.title}</h2><p>${s.owner.noWeek}</p></section>`;
  return html`<section class="cb-panel fr-mb-4w" aria-labelledby="owner-title">
<h2 id="owner-title" class="fr-h4">${s.owner.title}</h2>
<p class="fr-text--sm">${s.owner.intro}</p>
<form method="post" action="${formAction(viewer, '/sandbox/run')}">
${viewer.lang ? html`<input type="hidden" name="lang" value="${viewer.lang}">` : ''}
<input type="hidden" name="as" value="${viewer.person}">
<div class="fr-select-group">
  <label class="fr-label" for="week">${s.owner.week}</label>
  <select class="fr-select" id="week" name="week">
    ${weeks.map((w) => html`<option value="${w}"${w === selected ? html` selected` : ''}>${weekLabel(w, viewer.locale)}</option>`)}
  </select>
</div>
<ul class="fr-btns-group fr-btns-group--inline-md">
  <li><button type="submit" name="job" value="prompt" class="fr-btn">${s.owner.prompt}</button></li>
  <li><button type="submit" name="job" value="reminder" class="fr-btn fr-btn--secondary">${s.owner.reminder}</button></li>
  <li><button type="submit" name="job" value="evaluate" class="fr-btn fr-btn--secondary">${s.owner.evaluate}</button></li>
</ul>
</form>
<a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/dashboard${query({ p: viewer.p, lang: viewer.lang })}">${s.owner.dashboard}</a>
</section>`;
}

function commandBox(viewer: Viewer, examples: string[]): Html {
  const s = messages(viewer.locale).sandbox;
  return html`<section class="cb-panel fr-mb-4w" aria-labelledby="command-title">
<h2 id="command-title" class="fr-h4">${s.command.title}</h2>
<form method="post" action="${formAction(viewer, '/sandbox/command')}">
<input type="hidden" name="as" value="${viewer.person}">
<input type="hidden" name="once" value="${randomUUID()}">
${viewer.lang ? html`<input type="hidden" name="lang" value="${viewer.lang}">` : ''}
<div class="fr-input-group">
  <label class="fr-label" for="command">${s.command.label}<span class="fr-hint-text">${s.command.hint}</span></label>
  <input class="fr-input" id="command" name="text" type="text" autocomplete="off" spellcheck="false" placeholder="${examples[0] ?? '/phase'}">
</div>
<button type="submit" class="fr-btn">${s.command.send}</button>
</form>
${examples.length ? html`<p class="fr-text--sm fr-mt-2w fr-mb-0">${s.command.examples} ${examples.map((e, i) => html`${i ? ', ' : ''}<code>${e}</code>`)}</p>` : ''}
</section>`;
}

export interface ConversationView {
  programme: Programme;
  viewer: Viewer;
  person: Person;
  /** `programme`: the one the reply came from, when not the page's. */
  ephemeral?: { typed?: string; reply: CommandReply; checkins: PromptState[]; programme?: Programme };
  owner?: { weeks: WeekId[]; selected: WeekId | undefined };
  examples: string[];
  messages: Html[];
  channels: { name: string; messages: Html[] }[];
}

export function conversation(view: ConversationView): Html {
  const { viewer, programme } = view;
  const s = messages(viewer.locale).sandbox;
  const role = roleOf(programme, view.person.id);
  return html`<h1>${s.as(view.person.name)} <span class="fr-badge fr-badge--info fr-badge--no-icon">${s.roles[role]}</span></h1>
${switcher(programme, viewer)}
${view.ephemeral ? ephemeralBox(viewer, view.ephemeral) : ''}
<div class="fr-grid-row fr-grid-row--gutters">
<div class="fr-col-12 fr-col-lg-7">
<section aria-labelledby="messages-title">
<h2 id="messages-title" class="fr-h4">${s.messagesTitle(view.messages.length)}</h2>
${view.messages.length === 0 ? html`<p>${s.noMessages}</p>` : html`<p class="fr-text--xs">${s.newestFirst}</p><ul class="cb-messages">${view.messages}</ul>`}
</section>
${view.channels.map(
  (c) =>
    html`<section class="fr-mt-4w"><h2 class="fr-h4">#${c.name}</h2><ul class="cb-messages">${c.messages}</ul></section>`,
)}
</div>
<div class="fr-col-12 fr-col-lg-5">
${commandBox(viewer, view.examples)}
${view.owner ? ownerPanel(viewer, view.owner.weeks, view.owner.selected) : ''}
</div>
</div>`;
}
