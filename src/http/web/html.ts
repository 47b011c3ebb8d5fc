// HTML written as tagged templates: every interpolated value is escaped unless it is itself `Html`, so a name, a
// comment or a coaching note typed by a user can never become markup.

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** Markup the code itself built (never user input). */
export function raw(markup: string): Html {
  return new Html(markup);
}

/**
 * A bot's reply as a page shows it: what the chat platforms would render as code (`/coaching help`, between
 * backticks in the locale files) becomes `<code>`, so the page never shows raw backticks; the rest is escaped.
 */
export function withCode(text: string): Html {
  return html`${text.split(/`([^`\n]+)`/).map((part, i) => (i % 2 === 1 ? html`<code>${part}</code>` : part))}`;
}

/** A query string from the parameters that are set, for links that keep the page's state (`?as=…&lang=en`). */
export function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, v);
  const s = search.toString();
  return s ? `?${s}` : '';
}
