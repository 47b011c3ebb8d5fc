// Writes programme.schema.json, the JSON Schema editors use to help with programme files (see the first line of
// examples/programme.yml). A test fails when the committed file differs from what this writes.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { programmeJsonSchemaText } from '../src/config/programme-schema.ts';

const target = fileURLToPath(new URL('../programme.schema.json', import.meta.url));
writeFileSync(target, programmeJsonSchemaText());
console.log(`wrote ${target}`);
