// A mail's content written out as what mail clients show: HTML that Outlook and webmails read the same way (inline
// styles, real headings, lists rather than layout tables, no image at all, so nothing is missing with images off
// and nothing is fetched from anywhere), and a plain-text part that says the same on its own.
import type { Locale } from '../../core/programme.ts';
import { type Html, html } from '../../http/web/html.ts';
import type { Block, MailContent } from './compose.ts';

// The DSFR's text grey and « bleu France » on white: contrast 15.9:1 and 17.1:1.
const TEXT = '#161616';
const LINK = '#000091';
const MUTED = '#3a3a3a';
const FONT = 'Marianne, Arial, Helvetica, sans-serif';

const style = {
  body: `margin:0;padding:0;background-color:#ffffff;`,
  frame: `max-width:600px;margin:0 auto;padding:24px 16px;font-family:${FONT};font-size:16px;line-height:1.5;color:${TEXT};background-color:#ffffff;`,
  h1: `margin:0 0 16px;font-size:22px;line-height:1.3;font-weight:bold;color:${TEXT};`,
  h2: `margin:24px 0 8px;font-size:18px;line-height:1.4;font-weight:bold;color:${TEXT};`,
  p: `margin:0 0 16px;`,
  ul: `margin:0 0 16px;padding-left:24px;`,
  li: `margin:0 0 8px;`,
  a: `color:${LINK};text-decoration:underline;`,
  action: `color:${LINK};text-decoration:underline;font-weight:bold;font-size:18px;`,
  note: `margin:0 0 16px;font-size:14px;color:${MUTED};`,
  footer: `margin:32px 0 0;padding-top:16px;border-top:1px solid #929292;font-size:14px;color:${MUTED};`,
};

function blockHtml(block: Block): Html {
  switch (block.kind) {
    case 'text':
      return html`<p style="${style.p}">${block.text}</p>`;
    case 'choices':
      return html`<h2 style="${style.h2}">${block.question}</h2>
<ul style="${style.ul}">${block.links.map((l) => html`<li style="${style.li}"><a href="${l.url}" style="${style.a}">${l.label}</a></li>`)}</ul>`;
    case 'list':
      return html`<ul style="${style.ul}">${block.items.map((item) => html`<li style="${style.li}">${item}</li>`)}</ul>`;
    case 'link':
      return html`<p style="${style.p}"><a href="${block.url}" style="${style.action}">${block.label}</a></p>`;
    case 'note':
      return html`<p style="${style.note}">${block.text}</p>`;
  }
}

export function mailHtml(content: MailContent, locale: Locale): string {
  return html`<!doctype html>
<html lang="${locale}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${content.subject}</title>
</head>
<body style="${style.body}">
<div style="${style.frame}">
<h1 style="${style.h1}">${content.heading}</h1>
${content.blocks.map((b) => html`${blockHtml(b)}\n`)}<p style="${style.footer}">${content.footer}</p>
</div>
</body>
</html>
`.value;
}

/** Code points, not UTF-16 units: the underline of « Synthèse » is as long as the word. */
const width = (text: string) => [...text].length;

function blockText(block: Block): string {
  switch (block.kind) {
    case 'text':
    case 'note':
      return block.text;
    case 'choices':
      return [block.question, ...block.links.map((l) => `  * ${l.label}\n    ${l.url}`)].join('\n');
    case 'list':
      return block.items.map((item) => `  * ${item}`).join('\n');
    case 'link':
      return `${block.label}\n${block.url}`;
  }
}

export function mailText(content: MailContent): string {
  return [
    `${content.heading}\n${'='.repeat(width(content.heading))}`,
    ...content.blocks.map(blockText),
    // The signature separator mail clients know, so the footer is shown (and quoted) as one.
    `-- \n${content.footer}`,
  ].join('\n\n');
}
