// The shape of every catalogue: the French one's. In a module of its own so that the English catalogue, which must
// have it, does not import the index that imports it (no import circle).
import type { fr } from './fr/index.ts';

export type Messages = typeof fr;
