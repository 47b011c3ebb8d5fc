import type { config as fr } from '../fr/config.ts';

export const config: typeof fr = {};
