import { loadProgrammeFile, formatProblem } from './src/config/programme-file.ts';
const r = loadProgrammeFile(process.argv[2] ?? 'examples/programme.yml');
if (r.ok) console.log(JSON.stringify(r.programme, null, 1).slice(0, 1500)); else console.log(r.locale, r.problems.map(formatProblem).join('\n'));
