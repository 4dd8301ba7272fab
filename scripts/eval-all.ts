// `npm run eval:all`: runs every evaluation and the pipeline benchmark, and writes their closing JSON lines to docs/RESULTS.md.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../src/config.ts';

const runs: [string, string[]][] = [
  ['Vignettes, encoder off', ['test/eval/run-vignettes.ts', '--encoder', 'off']],
  ['Vignettes, encoder on', ['test/eval/run-vignettes.ts', '--encoder', 'on']],
  ['Free-text parsing (encoder off and on)', ['test/eval/run-parse.ts']],
  ['Held-out phrases → findings (lexicon, typo repair, encoder)', ['test/eval/run-phrases.ts']],
  ['DDXPlus test subset', ['test/eval/run-ddxplus.ts', '../shared/data/ddxplus/test_subset_from_french_v1_converted.csv']],
  ['DDXPlus validate subset', ['test/eval/run-ddxplus.ts', '../shared/data/ddxplus/validate_subset_6763_from_french_v1_converted.csv']],
];
const out: string[] = [
  '# Measured results', '',
  `Written by \`npm run eval:all\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
  'Each section is the printed table and the closing JSON line of one script.', '',
];
for (const [title, args] of runs) {
  process.stderr.write(`running ${title}…\n`);
  const text = execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  out.push(`## ${title}`, '', '```', text.trim(), '```', '');
}
writeFileSync(path.join(ROOT, 'docs', 'RESULTS.md'), out.join('\n'));
process.stderr.write('wrote docs/RESULTS.md\n');
