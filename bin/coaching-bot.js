#!/usr/bin/env node
// Node 20 cannot run TypeScript by itself: tsx's loader is registered, then the CLI is loaded from src/.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
