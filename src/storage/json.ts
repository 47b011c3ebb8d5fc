// JSON with dates that survive the round trip: a prompt message carries the intrapreneur's answer, whose `answeredAt`
// and `updatedAt` must come back as Dates, not strings. Dates are tagged explicitly rather than guessed from their
// shape, so a comment that happens to look like a date stays a string.
//
// Most values hold no date (alerts, digests, reminders), and a replacer or a reviver makes JSON several times slower
// (thousands of outbox entries at an evaluation): they are only used when a date is there.

const DATE_TAG = '$date';
/** How a tagged date starts in JSON text; a string that merely contains `$date` has its quotes escaped. */
const TAGGED = `"${DATE_TAG}"`;

export function encodeJson(value: unknown): string {
  if (!holdsDate(value)) return JSON.stringify(value);
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    // `v` has already been through Date.prototype.toJSON; the original is still on the holder.
    const original = this[key];
    return original instanceof Date ? { [DATE_TAG]: original.getTime() } : v;
  });
}

export function decodeJson<T>(text: string): T {
  if (!text.includes(TAGGED)) return JSON.parse(text) as T;
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const tagged = (v as Record<string, unknown>)[DATE_TAG];
      if (keys.length === 1 && typeof tagged === 'number') return new Date(tagged);
    }
    return v;
  }) as T;
}

function holdsDate(value: unknown): boolean {
  if (value instanceof Date) return true;
  if (value === null || typeof value !== 'object') return false;
  for (const item of Array.isArray(value) ? value : Object.values(value)) if (holdsDate(item)) return true;
  return false;
}
