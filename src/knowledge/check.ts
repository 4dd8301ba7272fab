// `npm run kb:check`: validates the whole knowledge base at once and prints a coverage summary; exits 1 on any problem.
import path from 'node:path';
import { ROOT } from '../config.ts';
import { KnowledgeError } from '../errors.ts';
import { loadKnowledge } from './load.ts';
import { AGE_BANDS } from './schema.ts';

const dir = process.argv[2] ? path.resolve(process.argv[2]) : path.join(ROOT, 'knowledge');
try {
  const kb = loadKnowledge(dir);
  const byCategory = new Map<string, number>();
  for (const c of kb.conditionList) byCategory.set(c.category, (byCategory.get(c.category) ?? 0) + 1);
  const perBand = AGE_BANDS.map((b) => `${b} ${kb.conditionList.filter((c) => (c.prior.age[b] ?? 1) > 0.2).length}`);
  const nf = kb.conditionList.map((c) => c.findings.length);
  const used = new Set(kb.conditionList.flatMap((c) => c.findings.map((f) => f.id)));
  console.log(`knowledge ${kb.manifest.version}: ${kb.conditions.size} conditions, ${kb.findings.size} findings (${used.size} used by conditions), ${kb.redFlags.length} red flags, ${kb.vitalRules.length} vital rules, ${kb.scores.length} scores, ${kb.contextRules.length} context rules`);
  console.log('conditions per category:', [...byCategory].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', '));
  console.log('conditions plausible per age band:', perBand.join(', '));
  console.log(`findings per condition: min ${Math.min(...nf)}, median ${nf.sort((a, b) => a - b)[Math.floor(nf.length / 2)]}, max ${Math.max(...nf)}`);
  console.log(`can't-miss conditions: ${kb.conditionList.filter((c) => c.cantMiss).length}; DDXPlus-mapped: ${kb.conditionList.filter((c) => c.ddxplus).length}; with Chinese names: ${kb.conditionList.filter((c) => c.zh).length}`);
  console.log('ok');
} catch (e) {
  if (e instanceof KnowledgeError) {
    console.error(`${e.problems.length} problem(s):`);
    for (const p of e.problems) console.error(`  - ${p}`);
    process.exit(1);
  }
  throw e;
}
