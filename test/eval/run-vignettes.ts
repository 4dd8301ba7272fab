// `npm run eval`: the team's vignettes through the whole pipeline — top-1/3/10, triage exact/under/over, calibration — overall and per category.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { triageRank } from '../../src/pipeline/explain/triage.ts';
import type { Vitals } from '../../src/pipeline/types.ts';
import { arg, engine, icdMatch, pct, table } from './lib.ts';

const Vignette = z.object({
  id: z.string(), category: z.string(), ageGroup: z.string(), voice: z.string(), text: z.string(),
  patient: z.object({ age: z.number(), ageMonths: z.number().optional(), ageDays: z.number().optional(), sex: z.enum(['female', 'male']), pregnant: z.boolean().optional() }),
  vitals: z.record(z.string(), z.number()).optional(),
  expected: z.object({ name: z.string(), icd10: z.array(z.string()).min(1) }),
  triage: z.enum(['emergency', 'urgent', 'routine', 'self-care']),
});

const dir = path.join(import.meta.dirname, 'vignettes');
const cases = readdirSync(dir).filter((f) => f.endsWith('.json')).flatMap((f) => z.array(Vignette).parse(JSON.parse(readFileSync(path.join(dir, f), 'utf8'))));
const useEncoder = arg('encoder', 'on') === 'on';
const e = await engine(useEncoder);

type Result = { category: string; rank: number; rankCat: number; triageDiff: number; expTriage: string; p1: number; correct1: boolean };
const results: Result[] = [];
const misses: string[] = [];
for (const v of cases) {
  const ageMonths = v.patient.ageMonths ?? (v.patient.ageDays !== undefined ? v.patient.ageDays / 30.4 : v.patient.age * 12);
  const vitals: Vitals = {};
  for (const [k, val] of Object.entries(v.vitals ?? {})) (vitals as Record<string, number>)[k === 'glucoseMmolL' ? 'glucoseMmol' : k] = val;
  const o = await e.assess({ patient: { age: v.patient.age, ageMonths, sex: v.patient.sex, pregnant: v.patient.pregnant }, text: v.text, findings: [], vitals, settings: [] });
  // The rank of the first condition whose ICD-10 code matches the expected diagnosis, over the whole ranking (not only the shown part).
  const idx = o.differential.findIndex((d) => e.kb.conditions.get(d.condition.id)!.icd10.some((c) => v.expected.icd10.some((x) => icdMatch(c, x))));
  const rank = idx >= 0 ? idx + 1 : Infinity;
  // Secondary, lenient: the same ICD-10 category (first three characters), which also credits a sibling code of the same disease.
  const idxCat = o.differential.findIndex((d) => e.kb.conditions.get(d.condition.id)!.icd10.some((c) => v.expected.icd10.some((x) => c.slice(0, 3) === x.slice(0, 3))));
  const rankCat = idxCat >= 0 ? idxCat + 1 : Infinity;
  results.push({ category: v.category, rank, rankCat, triageDiff: triageRank(o.triage.level) - triageRank(v.triage), expTriage: v.triage, p1: o.differential[0]?.probability ?? 0, correct1: rank === 1 });
  if (rank > 3) misses.push(`${v.id} expected ${v.expected.name} (${v.expected.icd10.join('/')}), got ${o.differential.slice(0, 3).map((d) => d.condition.name).join('; ')}`);
}

function summary(rs: Result[]) {
  const n = rs.length;
  const top = (k: number) => rs.filter((r) => r.rank <= k).length / n;
  const emerg = rs.filter((r) => r.expTriage === 'emergency');
  return {
    n, top1: top(1), top3: top(3), top10: top(10),
    categoryTop1: rs.filter((r) => r.rankCat <= 1).length / n, categoryTop3: rs.filter((r) => r.rankCat <= 3).length / n,
    triageExact: rs.filter((r) => r.triageDiff === 0).length / n,
    underTriage: rs.filter((r) => r.triageDiff < 0).length / n,
    overTriage: rs.filter((r) => r.triageDiff > 0).length / n,
    emergencyUnderTriage: emerg.length ? emerg.filter((r) => r.triageDiff < 0).length / emerg.length : 0,
  };
}

const all = summary(results);
const cats = [...new Set(results.map((r) => r.category))].sort();
const rows: (string | number)[][] = [['category', 'n', 'top1', 'top3', 'top10', 'triage', 'under', 'over']];
for (const c of cats) {
  const s = summary(results.filter((r) => r.category === c));
  rows.push([c, s.n, pct(s.top1), pct(s.top3), pct(s.top10), pct(s.triageExact), pct(s.underTriage), pct(s.overTriage)]);
}
rows.push(['ALL', all.n, pct(all.top1), pct(all.top3), pct(all.top10), pct(all.triageExact), pct(all.underTriage), pct(all.overTriage)]);

// Calibration: predicted top-1 probability against observed top-1 correctness, by decile; and the Brier score of that prediction.
const bins = Array.from({ length: 10 }, (_, i) => results.filter((r) => Math.min(9, Math.floor(r.p1 * 10)) === i));
const calib: (string | number)[][] = [['predicted', 'n', 'mean p', 'observed']];
bins.forEach((b, i) => { if (b.length) calib.push([`${i * 10}-${i * 10 + 10}%`, b.length, pct(b.reduce((s, r) => s + r.p1, 0) / b.length), pct(b.filter((r) => r.correct1).length / b.length)]); });
const brier = results.reduce((s, r) => s + (r.p1 - (r.correct1 ? 1 : 0)) ** 2, 0) / results.length;

console.log(`Vignettes: ${results.length} cases, knowledge ${e.kb.manifest.version}, encoder ${useEncoder ? e.encoder?.embedder.id : 'off'}\n`);
console.log(table(rows));
console.log(`\nSame ICD-10 category (lenient): top-1 ${pct(all.categoryTop1)}, top-3 ${pct(all.categoryTop3)}`);
console.log(`Emergency cases under-triaged: ${pct(all.emergencyUnderTriage)}\n\nReliability of the top-1 probability:`);
console.log(table(calib));
console.log(`Brier score (top-1): ${brier.toFixed(3)}`);
if (arg('misses') === 'show') console.log('\nMissed top-3:\n' + misses.join('\n'));
console.log(JSON.stringify({ eval: 'vignettes', encoder: useEncoder, ...Object.fromEntries(Object.entries(all).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 1000) / 1000 : v])), brier: Math.round(brier * 1000) / 1000 }));
