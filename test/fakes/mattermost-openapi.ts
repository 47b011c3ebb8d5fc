// The vendor's description of the Mattermost API v4 (OpenAPI fragments from mattermost/mattermost-api-reference, kept
// in ../shared/contracts/mattermost): the local Mattermost checks every request the bot makes against it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import YAML from 'yaml';

// CI checks the repository out with `shared/` beside it.
const CONTRACTS = resolve(import.meta.dirname, '../../../shared/contracts/mattermost');

type Schema = {
  $ref?: string;
  type?: string;
  required?: string[];
  minItems?: number;
  maxItems?: number;
};

interface Operation {
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  parameters?: { name: string; in: string; required?: boolean }[];
}

interface Route {
  template: string;
  pattern: RegExp;
  literals: number;
  operations: Record<string, Operation>;
}

export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  /** Raw body text; empty when there is none. */
  body: string;
}

export class MattermostApi {
  private readonly routes: Route[];
  private readonly schemas: Record<string, Schema>;

  constructor(dir = CONTRACTS) {
    const fragments = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml') && f !== 'introduction.yaml' && f !== 'definitions.yaml')
      .sort();
    // `introduction.yaml` ends with `paths:`, the fragments are its indented entries, `definitions.yaml` the models.
    const text = ['introduction.yaml', ...fragments, 'definitions.yaml']
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    const doc = YAML.parse(text, { maxAliasCount: -1 }) as {
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, Schema> };
    };
    this.schemas = doc.components.schemas;
    this.routes = Object.entries(doc.paths).map(([template, operations]) => {
      const segments = template.split('/');
      return {
        template,
        pattern: new RegExp(
          `^${segments.map((s) => (s.startsWith('{') ? '[^/]+' : escapeRegExp(s))).join('/')}$`,
        ),
        literals: segments.filter((s) => !s.startsWith('{')).length,
        operations,
      };
    });
  }

  /** The documented route a path belongs to (the most specific one), e.g. `/api/v4/users/{user_id}`. */
  route(path: string): Route | undefined {
    return this.routes.filter((r) => r.pattern.test(path)).sort((a, b) => b.literals - a.literals)[0];
  }

  /** What is wrong with a request, as the vendor describes the API; empty when nothing is. */
  check(request: ApiRequest): string[] {
    const where = `${request.method} ${request.path}`;
    const route = this.route(request.path);
    if (!route) return [`${where}: no such path in the Mattermost API`];
    const operation = route.operations[request.method.toLowerCase()];
    if (!operation) return [`${where}: ${route.template} has no ${request.method}`];
    const problems: string[] = [];
    const auth = String(request.headers.authorization ?? '');
    if (!/^bearer\s+\S+$/i.test(auth)) problems.push(`${where}: no "Authorization: BEARER <token>" header`);
    for (const p of operation.parameters ?? []) {
      if (p.in === 'query' && p.required && !request.query.has(p.name)) {
        problems.push(`${where}: query parameter ${p.name} is required`);
      }
    }
    const content = operation.requestBody?.content?.['application/json'];
    if (!content) return problems;
    if (request.body === '') {
      if (operation.requestBody?.required) problems.push(`${where}: a JSON body is required`);
      return problems;
    }
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
      problems.push(`${where}: the body must be sent as application/json`);
    }
    let body: unknown;
    try {
      body = JSON.parse(request.body);
    } catch {
      return [...problems, `${where}: the body is not JSON`];
    }
    const schema = this.resolve(content.schema);
    if (schema?.type === 'object') {
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        problems.push(`${where}: the body must be an object`);
      } else {
        for (const field of schema.required ?? []) {
          if (!(field in body)) problems.push(`${where}: required field "${field}" is missing`);
        }
      }
    } else if (schema?.type === 'array') {
      if (!Array.isArray(body)) problems.push(`${where}: the body must be an array`);
      else if (
        (schema.minItems !== undefined && body.length < schema.minItems) ||
        (schema.maxItems !== undefined && body.length > schema.maxItems)
      ) {
        problems.push(`${where}: the array must have ${schema.minItems}–${schema.maxItems} items`);
      }
    }
    return problems;
  }

  private resolve(schema: Schema | undefined): Schema | undefined {
    const ref = schema?.$ref;
    if (!ref) return schema;
    return this.schemas[ref.replace('#/components/schemas/', '')];
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
