#!/usr/bin/env -S node --max-semi-space-size=4
// Node 20 cannot run TypeScript by itself: tsx's loader is registered, then the CLI is loaded from src/.
// `--max-semi-space-size=4` (also in `npm start`, the Dockerfile and the systemd unit): the bot works in bursts (an
// evaluation, a fan-out), and a young generation of 4 MB semi-spaces instead of 16 keeps its peak memory about 20 MB
// lower at no cost in time (`npm run bench -- evaluation`).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
