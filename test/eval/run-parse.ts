// `npm run eval:parse`: finding extraction (precision, recall, F1) and assertion accuracy on the annotated corpus, with and without the encoder.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { KnowledgeBase } from '../../src/knowledge/types.ts';
import { parseNote } from '../../src/pipeline/parse/note.ts';
import { encoderMentions } from '../../src/pipeline/run.ts';
import type { Assertion, Mention } from '../../src/pipeline/types.ts';
import { arg, engine, type Engine, pct, table } from './lib.ts';

const STATUSES = ['present', 'absent', 'possible', 'historical', 'family', 'hypothetical'] as const;
const Item = z.object({
  id: z.string(), voice: z.string(), text: z.string(),
  gold: z.array(z.object({ id: z.string(), status: z.enum(STATUSES) })),
  vitals: z.record(z.string(), z.number()).optional(),
  age: z.object({ months: z.number().optional(), sex: z.enum(['female', 'male']).optional() }).optional(),
});
const dir = path.join(import.meta.dirname, 'parse');
const items = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).flatMap((f) => z.array(Item).parse(JSON.parse(readFileSync(path.join(dir, f), 'utf8')))) : [];

/** Gold marks a past history-type finding ("hx asthma") as present; the parser's assertion is mapped the same way. */
function statusOf(m: Mention, kb: KnowledgeBase): Assertion {
  const k = kb.findings.get(m.findingId)!.kind;
  return m.assertion === 'historical' && (k === 'history' || k === 'risk-factor' || k === 'exposure') ? 'present' : m.assertion;
}

/** Lenient mode credits a finding one step more general or more specific than the gold (vertigo ~ vertigo on head movement). */
function related(a: string, b: string, kb: KnowledgeBase): boolean {
  return a === b || (kb.ancestors.get(a) ?? []).includes(b) || (kb.ancestors.get(b) ?? []).includes(a);
}

async function evaluate(e: Engine, withEncoder: boolean, lenient: boolean) {
  let tp = 0, fp = 0, fn = 0, agree = 0, vitalsRight = 0, vitalsTotal = 0;
  const perStatus = new Map<string, { gold: number; found: number; right: number }>(STATUSES.map((s) => [s, { gold: 0, found: 0, right: 0 }]));
  const byMethod = new Map<string, { tp: number; fp: number }>();
  const timings: number[] = [];
  for (const it of items) {
    const t0 = performance.now();
    const note = parseNote(it.text, e.text);
    const mentions = [...note.mentions, ...(withEncoder && e.encoder ? await encoderMentions(note, it.text, e.encoder, e.text) : [])];
    timings.push(performance.now() - t0);
    const predicted = new Map<string, { status: Assertion; method: string }>();
    for (const m of mentions) {
      const prev = predicted.get(m.findingId);
      const status = statusOf(m, e.kb);
      if (!prev || (status === 'present' && prev.status !== 'present')) predicted.set(m.findingId, { status, method: m.method });
    }
    const gold = new Map(it.gold.map((g) => [g.id, g.status]));
    const credited = new Set<string>();
    for (const [id, status] of gold) {
      const s = perStatus.get(status)!;
      s.gold++;
      const pid = predicted.has(id) ? id : lenient ? [...predicted.keys()].find((p) => !credited.has(p) && !gold.has(p) && related(p, id, e.kb)) : undefined;
      const p = pid ? predicted.get(pid) : undefined;
      if (p) { credited.add(pid!); tp++; s.found++; if (p.status === status) { agree++; s.right++; } } else fn++;
    }
    for (const [id, p] of predicted) {
      const m = byMethod.get(p.method) ?? { tp: 0, fp: 0 };
      if (gold.has(id) || credited.has(id)) m.tp++; else { fp++; m.fp++; }
      byMethod.set(p.method, m);
    }
    for (const [k, v] of Object.entries(it.vitals ?? {})) {
      vitalsTotal++;
      const got = (note.numbers.vitals as Record<string, number | undefined>)[k];
      if (got !== undefined && Math.abs(got - v) <= 0.2) vitalsRight++;
    }
  }
  const precision = tp / (tp + fp || 1);
  const recall = tp / (tp + fn || 1);
  const f1 = (2 * precision * recall) / (precision + recall || 1);
  const sorted = [...timings].sort((a, b) => a - b);
  return { precision, recall, f1, assertionAccuracy: agree / (tp || 1), perStatus, byMethod, vitals: vitalsRight / (vitalsTotal || 1), medianMs: sorted[Math.floor(sorted.length / 2)], p99Ms: sorted[Math.floor(sorted.length * 0.99)] };
}

if (!items.length) { console.log('No annotated corpus found in test/eval/parse/'); process.exit(1); }
const modes = arg('encoder') ? [arg('encoder') === 'on'] : [false, true];
const e = await engine(modes.includes(true));
const out: Record<string, unknown> = { eval: 'parse', items: items.length, gold: items.reduce((n, i) => n + i.gold.length, 0) };
for (const withEncoder of modes) {
  const lenient = await evaluate(e, withEncoder, true);
  const r = await evaluate(e, withEncoder, false);
  const label = withEncoder ? `encoder on (${e.encoder?.embedder.id}, threshold ${e.kb.engine.encoderThreshold})` : 'encoder off';
  console.log(`\n== ${label}: ${items.length} items (strict: the exact finding id)`);
  console.log(table([['precision', 'recall', 'F1', 'assertion acc', 'vitals read'], [pct(r.precision), pct(r.recall), pct(r.f1), pct(r.assertionAccuracy), pct(r.vitals)]]));
  console.log(table([['gold status', 'n', 'found', 'status right'], ...[...r.perStatus].map(([s, v]) => [s, v.gold, pct(v.found / (v.gold || 1)), pct(v.right / (v.found || 1))])]));
  console.log(table([['matched by', 'correct', 'wrong', 'precision'], ...[...r.byMethod].map(([m, v]) => [m, v.tp, v.fp, pct(v.tp / (v.tp + v.fp || 1))])]));
  console.log(`lenient (a parent or child of the gold finding counts): precision ${pct(lenient.precision)}, recall ${pct(lenient.recall)}, F1 ${pct(lenient.f1)}, assertion ${pct(lenient.assertionAccuracy)}`);
  out[withEncoder ? 'encoderOn' : 'encoderOff'] = {
    precision: +r.precision.toFixed(3), recall: +r.recall.toFixed(3), f1: +r.f1.toFixed(3), assertionAccuracy: +r.assertionAccuracy.toFixed(3),
    lenientF1: +lenient.f1.toFixed(3), lenientAssertionAccuracy: +lenient.assertionAccuracy.toFixed(3), medianMs: +r.medianMs.toFixed(2), p99Ms: +r.p99Ms.toFixed(2),
  };
}
console.log(JSON.stringify(out));
