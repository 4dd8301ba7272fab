import { readFileSync, readdirSync } from 'node:fs';
import { engine } from './test/eval/lib.ts';
import { rank } from './src/pipeline/rank/bayes.ts';
const e = await engine(false);
const all = readdirSync('test/eval/vignettes').filter(f => f.endsWith('.json')).flatMap(f => JSON.parse(readFileSync('test/eval/vignettes/' + f, 'utf8')));
let n = 0;
for (const v of all) {
  const o = await e.assess({ patient: { age: v.patient.age, ageMonths: v.patient.ageMonths ?? v.patient.age * 12, sex: v.patient.sex, pregnant: v.patient.pregnant }, text: v.text, findings: [], vitals: v.vitals ?? {}, settings: [] });
  const match = (id: string) => e.kb.conditions.get(id)!.icd10.some((c: string) => v.expected.icd10.some((x: string) => c.startsWith(x) || x.startsWith(c)));
  const r = rank(o.findings, o.patient, [], e.kb, 600);
  const k = r.findIndex(x => match(x.conditionId));
  if (k < 3 || k < 0) continue;
  const exp = r[k];
  if (n++ > 22) continue;
  console.log(`${v.id} exp ${exp.conditionId} rank ${k + 1} p=${(exp.probability * 100).toFixed(1)}% prior=${exp.logPrior.toFixed(1)} | top ${r[0].conditionId} ${(r[0].probability * 100).toFixed(0)}% prior=${r[0].logPrior.toFixed(1)}\n   exp contrib: ${exp.contributions.filter(c => Math.abs(Math.log(c.lr)) > 0.7).map(c => `${c.findingId}${c.status === 'absent' ? '(-)' : ''}:${c.lr.toFixed(2)}`).join(' ')}`);
}
console.log('count', n);
