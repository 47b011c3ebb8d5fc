// JSON with dates that survive the round trip: a prompt message carries the intrapreneur's answer, whose `answeredAt`
// and `updatedAt` must come back as Dates, not strings. Dates are tagged explicitly rather than guessed from their
// shape, so a comment that happens to look like a date stays a string.

const DATE_TAG = '$date';

export function encodeJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    // `v` has already been through Date.prototype.toJSON; the original is still on the holder.
    const original = this[key];
    return original instanceof Date ? { [DATE_TAG]: original.getTime() } : v;
  });
}

export function decodeJson<T>(text: string): T {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const tagged = (v as Record<string, unknown>)[DATE_TAG];
      if (keys.length === 1 && typeof tagged === 'number') return new Date(tagged);
    }
    return v;
  }) as T;
}
