// Writes src/config/time-zones.ts, the time zones a programme file may name: every zone Intl knows by its own name
// (Intl.supportedValuesOf), the current IANA names of the system's tz database (zone1970.tab, zone.tab: Asia/Kolkata
// where ICU still says Asia/Calcutta), and UTC; only those this runtime accepts. Run it after a Node or tzdata update
// with `npx tsx scripts/time-zones.ts`, then `npm run schema:generate`.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isTimeZone } from '../src/core/calendar.ts';

function zonesOf(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t')[2] ?? '');
}

const names = new Set([
  ...Intl.supportedValuesOf('timeZone'),
  ...zonesOf('/usr/share/zoneinfo/zone1970.tab'),
  ...zonesOf('/usr/share/zoneinfo/zone.tab'),
  'UTC',
]);
const zones = [...names].filter((z) => z !== '' && isTimeZone(z)).sort();
const byArea = new Map<string, string[]>();
for (const zone of zones) {
  const area = zone.split('/')[0] ?? zone;
  byArea.set(area, [...(byArea.get(area) ?? []), zone]);
}
const lines = [...byArea.values()].map((list) => list.join(' '));
const target = fileURLToPath(new URL('../src/config/time-zones.ts', import.meta.url));
writeFileSync(
  target,
  `// The time zones a programme file may name, written by scripts/time-zones.ts (${zones.length} zones): the same list
// for \`coaching-bot check\` and for the JSON Schema editors use, whatever version of Node runs either.
export const TIME_ZONES: readonly string[] = \`
${lines.join('\n')}
\`
  .trim()
  .split(/\\s+/);
`,
);
console.log(`wrote ${target} (${zones.length} zones)`);
