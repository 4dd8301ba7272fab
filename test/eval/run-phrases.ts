// `npm run eval:phrases`: held-out phrase → finding retrieval (top-1, top-5) for lexicon only, lexicon + typo repair, and + the encoder.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { cosine } from '../../src/embed/embedder.ts';
import type { KnowledgeBase } from '../../src/knowledge/types.ts';
import { buildTextIndex, parseNote, type TextIndex } from '../../src/pipeline/parse/note.ts';
import { engine, pct, table } from './lib.ts';

const Item = z.object({ phrase: z.string(), finding: z.string(), kind: z.string() });
const dir = path.join(import.meta.dirname, 'phrases');
const items = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).flatMap((f) => z.array(Item).parse(JSON.parse(readFileSync(path.join(dir, f), 'utf8')))) : [];
if (!items.length) { console.log('No phrases in test/eval/phrases/'); process.exit(1); }

const e = await engine(true);
const kb = e.kb;
const noFuzzy: KnowledgeBase = { ...kb, engine: { ...kb.engine, fuzzy: { ...kb.engine.fuzzy, minLength: 99 } } };
const lexOnly: TextIndex = buildTextIndex(noFuzzy);
const enc = e.encoder!;
const missingIds = items.filter((i) => !kb.findings.has(i.finding));

/** The encoder's ranking of findings for a phrase: each finding scored by its best-matching phrase. */
async function encoderRanking(phrase: string): Promise<{ id: string; score: number }[]> {
  const [v] = await enc.embedder.embed([phrase.toLowerCase()]);
  const best = new Map<string, number>();
  enc.vectors.vectors.forEach((w, i) => {
    const id = enc.vectors.phrases[i].findingId;
    const s = cosine(v, w);
    if (s > (best.get(id) ?? -2)) best.set(id, s);
  });
  return [...best].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
}

type Row = { kind: string; lex: string[]; fuzzy: string[]; enc: { id: string; score: number }[]; gold: string };
const rows: Row[] = [];
for (const it of items) {
  rows.push({
    kind: it.kind, gold: it.finding,
    lex: parseNote(it.phrase, lexOnly).mentions.map((m) => m.findingId),
    fuzzy: parseNote(it.phrase, e.text).mentions.map((m) => m.findingId),
    enc: await encoderRanking(it.phrase),
  });
}

const t = kb.engine.encoderThreshold;
function metrics(rs: Row[]) {
  const n = rs.length || 1;
  const hit = (ids: string[], g: string, k: number) => ids.slice(0, k).includes(g);
  // With the encoder: what the lexicon found first, then the encoder's nearest findings (above the threshold for top-1 as served).
  const combined = (r: Row, thr: number) => [...r.fuzzy, ...r.enc.filter((x) => x.score >= thr).map((x) => x.id).filter((id) => !r.fuzzy.includes(id))];
  return {
    lexTop1: rs.filter((r) => hit(r.lex, r.gold, 1)).length / n, lexTop5: rs.filter((r) => hit(r.lex, r.gold, 5)).length / n,
    fuzzyTop1: rs.filter((r) => hit(r.fuzzy, r.gold, 1)).length / n, fuzzyTop5: rs.filter((r) => hit(r.fuzzy, r.gold, 5)).length / n,
    encTop1: rs.filter((r) => hit(combined(r, t), r.gold, 1)).length / n, encTop5: rs.filter((r) => hit(combined(r, -1), r.gold, 5)).length / n,
    encoderAloneTop1: rs.filter((r) => r.enc[0]?.id === r.gold).length / n, encoderAloneTop5: rs.filter((r) => r.enc.slice(0, 5).some((x) => x.id === r.gold)).length / n,
  };
}
const kinds = [...new Set(rows.map((r) => r.kind))].sort();
const out: (string | number)[][] = [['kind', 'n', 'lexicon@1', 'lexicon@5', '+typo@1', '+typo@5', '+encoder@1', '+encoder@5', 'encoder alone@1', 'alone@5']];
for (const k of [...kinds, 'ALL']) {
  const rs = k === 'ALL' ? rows : rows.filter((r) => r.kind === k);
  const m = metrics(rs);
  out.push([k, rs.length, pct(m.lexTop1), pct(m.lexTop5), pct(m.fuzzyTop1), pct(m.fuzzyTop5), pct(m.encTop1), pct(m.encTop5), pct(m.encoderAloneTop1), pct(m.encoderAloneTop5)]);
}
// Precision of the encoder where it decides alone: phrases the lexicon left unresolved, nearest finding at or above each threshold.
const unresolved = rows.filter((r) => !r.fuzzy.length);
const prec: (string | number)[][] = [['threshold', 'kept', 'correct', 'precision']];
for (const thr of [0.7, 0.8, 0.85, 0.9, 0.93, 0.96]) {
  const kept = unresolved.filter((r) => (r.enc[0]?.score ?? 0) >= thr);
  prec.push([thr, kept.length, kept.filter((r) => r.enc[0].id === r.gold).length, kept.length ? pct(kept.filter((r) => r.enc[0].id === r.gold).length / kept.length) : '-']);
}
console.log(`Held-out phrases: ${rows.length} (${new Set(rows.map((r) => r.gold)).size} findings)${missingIds.length ? `, ${missingIds.length} with unknown ids` : ''}; encoder ${enc.embedder.id}, threshold ${t}\n`);
console.log(table(out));
console.log(`\nEncoder alone on the ${unresolved.length} phrases the lexicon and typo repair left unresolved:`);
console.log(table(prec));
const m = metrics(rows);
console.log(JSON.stringify({ eval: 'phrases', n: rows.length, ...Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Math.round(v * 1000) / 1000])), threshold: t }));
