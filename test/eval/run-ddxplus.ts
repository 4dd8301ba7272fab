// `npm run eval:ddxplus -- <csv> [--limit N]`: GTPA@1, top-3/5 and differential recall/precision/F1 on a DDXPlus patient file; ends with one JSON line.
import { readFileSync } from 'node:fs';
import { arg, engine, pct } from './lib.ts';
import { parseCsv, rowToCase } from './ddxplus.ts';

const file = process.argv.slice(2).find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
if (!file) { console.error('usage: npm run eval:ddxplus -- <DDXPlus patients csv> [--limit N]'); process.exit(2); }
const rows = parseCsv(readFileSync(file, 'utf8')).slice(0, Number(arg('limit', '1000000')));
const e = await engine(false);
// For fitting the evidence weight on a held-out file: `--evidence-weight 0.7` overrides the knowledge base's value.
if (arg('evidence-weight')) e.kb = { ...e.kb, engine: { ...e.kb.engine, evidenceWeight: Number(arg('evidence-weight')) } };
const byName = new Map(e.kb.conditionList.filter((c) => c.ddxplus).map((c) => [c.id, c.ddxplus!]));
const unknownPathologies = new Set(rows.map((r) => r.pathology).filter((p) => ![...byName.values()].includes(p)));

type Tally = { hit1: number; hit3: number; hit5: number; recall: number; precision: number; brier: number };
const tally = (): Tally => ({ hit1: 0, hit3: 0, hit5: 0, recall: 0, precision: 0, brier: 0 });
const whole = tally();
const closedWorld = tally();
const t0 = performance.now();
for (const row of rows) {
  const o = await e.assess(rowToCase(row, e.kb));
  const gold = new Set(row.differential.map(([n]) => n));
  const predicted = new Set(o.differential.filter((d) => d.probability >= 0.01).map((d) => byName.get(d.condition.id)).filter((n): n is string => !!n));
  // Whole knowledge base: any condition may outrank the DDXPlus ones. Closed world: the rank among the 49 DDXPlus conditions
  // only (the dataset's own setting), from the same differential.
  for (const [t, ranked] of [
    [whole, o.differential.map((d) => byName.get(d.condition.id) ?? `other:${d.condition.id}`)],
    [closedWorld, o.differential.map((d) => byName.get(d.condition.id)).filter((n): n is string => n !== undefined)],
  ] as const) {
    const k = ranked.indexOf(row.pathology);
    if (k === 0) t.hit1++;
    if (k >= 0 && k < 3) t.hit3++;
    if (k >= 0 && k < 5) t.hit5++;
    t.brier += ((o.differential[0]?.probability ?? 0) - (k === 0 ? 1 : 0)) ** 2;
    const inter = [...predicted].filter((n) => gold.has(n)).length;
    t.recall += gold.size ? inter / gold.size : 0;
    t.precision += predicted.size ? inter / predicted.size : 0;
  }
}
const ms = (performance.now() - t0) / rows.length;
function summary(t: Tally) {
  const n = rows.length;
  const ddr = t.recall / n, ddp = t.precision / n;
  return { gtpa1: t.hit1 / n, top3: t.hit3 / n, top5: t.hit5 / n, ddr, ddp, ddf1: (2 * ddr * ddp) / (ddr + ddp || 1), brierTop1: t.brier / n };
}
const all = summary(whole);
const closed = summary(closedWorld);
console.log(`DDXPlus ${file}: ${rows.length} patients, knowledge ${e.kb.manifest.version}${unknownPathologies.size ? `, pathologies not in the knowledge base: ${[...unknownPathologies].join(', ')}` : ''}`);
console.log(`whole knowledge base: GTPA@1 ${pct(all.gtpa1)}, top-3 ${pct(all.top3)}, top-5 ${pct(all.top5)}; differential recall ${pct(all.ddr)}, precision ${pct(all.ddp)}, F1 ${pct(all.ddf1)}; ${ms.toFixed(2)} ms per patient`);
console.log(`DDXPlus conditions only: GTPA@1 ${pct(closed.gtpa1)}, top-3 ${pct(closed.top3)}, top-5 ${pct(closed.top5)}`);
const r3 = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.round(v * 1000) / 1000]));
console.log(JSON.stringify({ eval: 'ddxplus', file: file.split('/').pop(), patients: rows.length, ...r3(all), closedWorld: r3({ gtpa1: closed.gtpa1, top3: closed.top3, top5: closed.top5 }), msPerPatient: Math.round(ms * 100) / 100 }));
