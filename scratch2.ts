import { readFileSync, readdirSync } from 'node:fs';
import { engine } from './test/eval/lib.ts';
import { triageRank } from './src/pipeline/explain/triage.ts';
const e = await engine(false);
const all = readdirSync('test/eval/vignettes').filter(f => f.endsWith('.json')).flatMap(f => JSON.parse(readFileSync('test/eval/vignettes/' + f, 'utf8')));
let n = 0;
for (const v of all) {
  if (v.triage !== 'emergency') continue;
  const o = await e.assess({ patient: { age: v.patient.age, ageMonths: v.patient.ageMonths ?? v.patient.age * 12, sex: v.patient.sex, pregnant: v.patient.pregnant }, text: v.text, findings: [], vitals: v.vitals ?? {}, settings: [] });
  if (triageRank(o.triage.level) >= triageRank('emergency')) continue;
  if (n++ > 25) continue;
  console.log(`${v.id} [${v.expected.name}] got ${o.triage.level}; top ${o.differential.slice(0,2).map(d=>d.condition.id+' '+Math.round(d.probability*100)).join(', ')}; findings ${o.findings.filter(f=>f.status==='present').map(f=>f.id).join(',')}\n   ${v.text.slice(0,160)}`);
}
console.log('under-triaged emergencies', n);
