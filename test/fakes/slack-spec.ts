// Slack's own description of its Web API (../shared/contracts/slack/slack_web_openapi_v2.json), read as data so that
// the local Slack checks each call the bot makes the way the real one would: the method exists, its required
// arguments are there, nothing is sent that Slack does not know, and the token's scopes allow it.
// The description dates from 2020: arguments documented since then are listed in NEWER below, by method.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CONTRACTS = fileURLToPath(new URL('../../../shared/contracts/slack/', import.meta.url));

export function contractFile(name: string): string {
  const path = `${CONTRACTS}${name}`;
  if (!existsSync(path)) {
    throw new Error(
      `${path} is missing: the tests read Slack's contracts from ../shared/contracts beside the clone`,
    );
  }
  return path;
}

export interface MethodSpec {
  required: string[];
  known: Set<string>;
  /** Any one of these scopes allows the call; empty when no scope is needed. */
  scopes: string[];
}

/** Arguments Slack documented after 2020 (message metadata, January 2022). */
const NEWER: Record<string, string[]> = {
  'chat.postMessage': ['metadata'],
  'chat.update': ['metadata'],
  'conversations.history': ['include_all_metadata'],
};

/** Methods newer than the description: Socket Mode's (2020-12), called with the app-level token. */
const NEWER_METHODS: Record<string, MethodSpec> = {
  'apps.connections.open': { required: [], known: new Set(), scopes: ['connections:write'] },
};

/** Every call may carry these: the token, and the workspace the SDK adds for org-wide apps. */
const ALWAYS = ['token', 'team_id'];

/** The 2020 description still names the bot's write scope by its old, split name. */
function modernScope(scope: string): string | undefined {
  if (scope === 'chat:write:bot') return 'chat:write';
  if (scope === 'chat:write:user' || scope === 'none') return undefined;
  return scope;
}

interface Operation {
  parameters?: { name: string; required?: boolean }[];
  security?: { slackAuth?: string[] }[];
}

let cache: Map<string, MethodSpec> | undefined;

export function slackSpec(): Map<string, MethodSpec> {
  if (cache) return cache;
  const document = JSON.parse(readFileSync(contractFile('slack_web_openapi_v2.json'), 'utf8')) as {
    paths: Record<string, Record<string, Operation>>;
  };
  cache = new Map(Object.entries(NEWER_METHODS));
  for (const [path, operations] of Object.entries(document.paths)) {
    const method = path.replace(/^\//, '');
    for (const operation of Object.values(operations)) {
      const parameters = operation.parameters ?? [];
      const scopes = (operation.security ?? [])
        .flatMap((s) => s.slackAuth ?? [])
        .map(modernScope)
        .filter((s): s is string => s !== undefined);
      cache.set(method, {
        required: parameters.filter((p) => p.required && p.name !== 'token').map((p) => p.name),
        known: new Set([...parameters.map((p) => p.name), ...(NEWER[method] ?? []), ...ALWAYS]),
        scopes,
      });
    }
  }
  return cache;
}

/** What is wrong with a call, by Slack's description (empty when nothing is). */
export function checkCall(method: string, args: Record<string, unknown>): string[] {
  const spec = slackSpec().get(method);
  if (!spec) return [`${method}: not a Slack Web API method`];
  const problems: string[] = [];
  for (const name of spec.required) {
    if (args[name] === undefined || args[name] === '')
      problems.push(`${method}: required argument ${name} missing`);
  }
  for (const name of Object.keys(args)) {
    if (!spec.known.has(name)) problems.push(`${method}: unknown argument ${name}`);
  }
  return problems;
}

/** The scope a call lacks, or undefined when the granted ones allow it. */
export function missingScope(method: string, granted: readonly string[]): string | undefined {
  const scopes = slackSpec().get(method)?.scopes ?? [];
  if (scopes.length === 0 || scopes.some((s) => granted.includes(s))) return undefined;
  return scopes.join(',');
}
