// Quick shape check of knowledge fragments while authoring: `npx tsx scripts/kb-lint.ts <file.json>...` (kb:check does the full job).
import { readFileSync } from 'node:fs';
import { Condition, Finding, RedFlag, VitalRule, DdxplusLink } from '../src/knowledge/schema.ts';

const codes = new Set(
  readFileSync(new URL('../../shared/data/icd10cm_2025/ICD10CM_2025_codes.csv', import.meta.url), 'utf8')
    .split('\n').map((l) => l.split(',')[0]),
);
let problems = 0;
for (const file of process.argv.slice(2)) {
  const data = JSON.parse(readFileSync(file, 'utf8'));
  const items = Array.isArray(data) ? data : [data];
  for (const [i, item] of items.entries()) {
    const schema = file.includes('/conditions/') ? Condition : file.includes('/findings/') ? Finding
      : file.includes("ddxplus-map") ? DdxplusLink : file.includes("red-flags") ? RedFlag : file.includes('vitals') ? VitalRule : null;
    if (!schema) { console.log(`${file}: unknown kind of file`); problems++; break; }
    const r = schema.safeParse(item);
    if (!r.success) { problems++; console.log(`${file}[${i}] ${item?.id ?? ''}: ${r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`); }
    if (schema === Condition) for (const c of item.icd10 ?? []) if (!codes.has(c)) { problems++; console.log(`${file}: ICD-10 code ${c} is not in ICD-10-CM 2025`); }
  }
}
console.log(problems ? `${problems} problem(s)` : 'ok');
process.exitCode = problems ? 1 : 0;
