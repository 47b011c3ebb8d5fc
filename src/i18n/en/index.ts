import type { Messages } from '../index.ts';
import { config } from './config.ts';
import { dates } from './dates.ts';

export const en: Messages = { config, dates };
