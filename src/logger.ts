// Structured JSON logs (pino); human-readable when a person watches the terminal.
import pino from 'pino';
import type { Logger } from './core/ports.ts';

export function createLogger(
  level: string,
  options: { pretty?: boolean; destination?: number } = {},
): Logger {
  const pretty = options.pretty ?? (process.stderr.isTTY === true && !process.env.CI);
  const redact = {
    paths: ['*.token', '*.botToken', '*.signingSecret', '*.appToken', '*.comment', '*.notes', '*.text'],
    censor: '[hidden]',
  };
  if (pretty) {
    return pino({
      level,
      redact,
      transport: {
        target: 'pino-pretty',
        options: { destination: options.destination ?? 2, ignore: 'pid,hostname' },
      },
    });
  }
  return pino({ level, redact }, pino.destination(options.destination ?? 2));
}
