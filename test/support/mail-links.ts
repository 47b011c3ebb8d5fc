// Following the links of a mail as a person would, with a real HTTP client: open the page (GET), read its form as a
// browser would submit it, post it (with the Origin header browsers send) and follow the redirect.
import type { ReceivedMail } from './mail-server.ts';

export interface MailLink {
  label: string;
  url: string;
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e);

/** The links of a mail's HTML part, in order. */
export function linksOf(mail: ReceivedMail): MailLink[] {
  return [...mail.html.matchAll(/<a href="([^"]+)"[^>]*>([^<]*)<\/a>/g)].map((m) => ({
    url: decode(m[1] ?? ''),
    label: decode(m[2] ?? ''),
  }));
}

export function linkTo(mail: ReceivedMail, label: string): string {
  const link = linksOf(mail).find((l) => l.label === label);
  if (!link) throw new Error(`no link “${label}” in “${mail.subject}”: ${linksOf(mail).map((l) => l.label)}`);
  return link.url;
}

export interface Page {
  status: number;
  html: string;
  /** The page's visible words, tags removed. */
  text: string;
}

export async function open(url: string): Promise<Page> {
  const response = await fetch(url, { redirect: 'manual' });
  const html = await response.text();
  return { status: response.status, html, text: decode(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ') };
}

/** What the page's form would post: its hidden fields, the radio buttons checked, the comment. */
export function formOf(html: string): URLSearchParams {
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.set(m[1] ?? '', decode(m[2] ?? ''));
  }
  for (const m of html.matchAll(/<input type="radio" id="[^"]+" name="([^"]+)" value="([^"]+)" checked>/g)) {
    form.set(m[1] ?? '', m[2] ?? '');
  }
  const comment = /<textarea[^>]* name="comment"[^>]*>([^<]*)<\/textarea>/.exec(html);
  if (comment) form.set('comment', decode(comment[1] ?? ''));
  return form;
}

/** Posts a form to the page's action, as the browser that showed `pageUrl` would. */
export async function post(pageUrl: string, form: URLSearchParams, headers: Record<string, string> = {}) {
  const { origin } = new URL(pageUrl);
  return fetch(`${origin}/email/checkin`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin, ...headers },
    body: form.toString(),
  });
}

/**
 * Opens a mail's link, then confirms the page as it comes (or with `change` applied to the form), then opens the
 * page the bot redirects to. Returns that last page.
 */
export async function confirm(url: string, change: Record<string, string> = {}): Promise<Page> {
  const page = await open(url);
  if (page.status !== 200) throw new Error(`the link answered ${page.status}: ${page.text}`);
  const form = formOf(page.html);
  for (const [k, v] of Object.entries(change)) form.set(k, v);
  const response = await post(url, form);
  if (response.status !== 303)
    throw new Error(`the form answered ${response.status}: ${await response.text()}`);
  return open(new URL(response.headers.get('location') ?? '', url).toString());
}
