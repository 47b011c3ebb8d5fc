import { config } from './config.ts';
import { dates } from './dates.ts';

export const fr = { config, dates };
