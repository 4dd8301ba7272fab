import { readFileSync, readdirSync } from 'node:fs';
import { engine } from './test/eval/lib.ts';
import { rank } from './src/pipeline/rank/bayes.ts';
const e = await engine(false);
const all = readdirSync('test/eval/vignettes').filter(f => f.endsWith('.json')).flatMap(f => JSON.parse(readFileSync('test/eval/vignettes/' + f, 'utf8')));
const v = all.find((x: any) => x.id === process.argv[2]);
const o = await e.assess({ patient: { age: v.patient.age, ageMonths: v.patient.ageMonths ?? v.patient.age * 12, sex: v.patient.sex, pregnant: v.patient.pregnant }, text: v.text, findings: [], vitals: v.vitals ?? {}, settings: [] });
const r = rank(o.findings, o.patient, [], e.kb, 600);
console.log(v.text);
for (const id of process.argv.slice(3)) { const x = r.find(y => y.conditionId === id)!; console.log(id, (x.probability*100).toFixed(2), 'prior', x.logPrior.toFixed(2), 'logodds', x.logOdds.toFixed(2), x.contributions.map(c => `${c.findingId}${c.status==='absent'?'(-)':''}:${c.lr.toFixed(2)}`).join(' ')); }
