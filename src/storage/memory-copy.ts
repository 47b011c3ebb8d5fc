// Copies for the in-memory store: what it hands out and what it keeps are never the caller's objects.

export const copy = <T>(value: T): T => structuredClone(value);

/** A copy as a database would give it back: a key set to `undefined` is no key at all. */
export function stored<T>(value: T): T {
  const clone = structuredClone(value);
  const prune = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(prune);
    else if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
      for (const [key, inner] of Object.entries(v)) {
        if (inner === undefined) delete (v as Record<string, unknown>)[key];
        else prune(inner);
      }
    }
  };
  prune(clone);
  return clone;
}
