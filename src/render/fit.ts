// Fitting what the bot says into a platform's limits. A platform refuses a message whole when one part is too long
// (Slack's `invalid_blocks`, Mattermost's 400), so nothing of it would reach anyone: every renderer builds its text
// within its platform's limits (src/platforms/limits.ts) with these, summarising rather than cutting at random — as
// many names or lines as fit, then how many more there are.
//
// Lengths are counted in UTF-16 code units (`string.length`): never fewer than Mattermost's runes or Slack's
// characters, so a text that fits here fits there.
//
// Here in src/render rather than in src/app: it is layout of text, knows nothing of the programme and no use case,
// and every renderer depends on it. The command replies of src/app/commands.ts use it too, because a reply is text
// composed for one platform's room (`CommandRequest.limit`).

const ELLIPSIS = '…';
/** Below this, a cut item says too little to be worth showing: it is counted among the others instead. */
const SHORTEST_CUT = 12;

/** `text` within `max`, cut at a word boundary when one is near, ending with `…`. */
export function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, Math.max(0, max));
  const room = max - ELLIPSIS.length;
  let cut = text.slice(0, room);
  // Never half a surrogate pair (an emoji, a rare ideogram).
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const space = cut.search(/\s\S*$/);
  if (space > room * 0.8) cut = cut.slice(0, space);
  return `${cut.trimEnd()}${ELLIPSIS}`;
}

/**
 * What stands for the items left out: `left` of them, after `shown` items. Its text includes its own leading
 * separator (` et 12 autres`), or stands alone when nothing was shown.
 */
export type More = (left: number, shown: number) => string;

/**
 * As many `items` as fit in `max`, joined by `separator`, then `more(left, shown)`. When not even the first item
 * fits whole it is cut, so that a single long line (a coach's notes) still shows its beginning.
 */
export function fitList(items: readonly string[], max: number, separator: string, more: More): string {
  const whole = items.join(separator);
  if (whole.length <= max) return whole;
  let used = 0;
  let shown = 0;
  for (const [i, item] of items.entries()) {
    const next = used + (i === 0 ? 0 : separator.length) + item.length;
    if (next + more(items.length - i - 1, i + 1).length > max) break;
    used = next;
    shown = i + 1;
  }
  if (shown > 0) return `${items.slice(0, shown).join(separator)}${more(items.length - shown, shown)}`;
  const first = items[0] ?? '';
  const tail = items.length > 1 ? more(items.length - 1, 1) : '';
  const room = max - tail.length;
  if (room >= SHORTEST_CUT) return `${fitText(first, room)}${tail}`;
  return fitText(more(items.length, 0), max);
}

/** A part whose items may be summarised: `prefix`, then as many items as its share of the room allows. */
export interface Elastic {
  prefix?: string;
  items: readonly string[];
  separator: string;
  more: More;
}

/** A line kept whole (a title, a figure), or a list that shares the room left with the other lists. */
export type Part = string | Elastic;

/**
 * The parts as lines within `max`. Fixed lines are kept whole; the room left is shared among the lists, each taking
 * what it needs when that is less than an even share, so that a short list is never summarised to make room that a
 * long one cannot use.
 */
export function fitParts(parts: readonly Part[], max: number): string {
  const fixed = parts.filter((p): p is string => typeof p === 'string');
  const elastic = parts.filter((p): p is Elastic => typeof p !== 'string');
  const newlines = Math.max(0, parts.length - 1);
  const full = (p: Elastic) => (p.prefix ?? '').length + p.items.join(p.separator).length;
  const room = max - newlines - fixed.reduce((sum, line) => sum + line.length, 0);
  const shares = new Map<Elastic, number>();
  let left = room;
  const byNeed = [...elastic].sort((a, b) => full(a) - full(b));
  byNeed.forEach((p, i) => {
    const share = Math.min(full(p), Math.floor(left / (byNeed.length - i)));
    shares.set(p, Math.max(0, share));
    left -= Math.max(0, share);
  });
  const lines = parts.map((p) => {
    if (typeof p === 'string') return p;
    const prefix = p.prefix ?? '';
    const share = shares.get(p) ?? 0;
    if (share <= prefix.length) return fitText(prefix.trimEnd(), share);
    return `${prefix}${fitList(p.items, share - prefix.length, p.separator, p.more)}`;
  });
  // When even the fixed lines do not fit, the end goes: a safety net, not a way of summarising.
  return fitText(lines.join('\n'), max);
}

/** A list of lines summarised by its last line (`more` gets no leading separator: it is a line of its own). */
export function lineList(items: readonly string[], more: (left: number) => string, prefix?: string): Elastic {
  return {
    ...(prefix !== undefined ? { prefix } : {}),
    items,
    separator: '\n',
    more: (left, shown) => (shown > 0 ? `\n${more(left)}` : more(left)),
  };
}
