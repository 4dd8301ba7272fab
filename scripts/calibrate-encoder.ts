// `tsx scripts/calibrate-encoder.ts`: precision of encoder matches by similarity on the calibration half of the parse corpus
// (even-numbered items; the odd half is left for reporting), to choose engine.encoderThreshold where a wrong match is rare.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../src/config.ts';
import { parseNote } from '../src/pipeline/parse/note.ts';
import { encoderMentions } from '../src/pipeline/run.ts';
import { engine, pct, table } from '../test/eval/lib.ts';
import { englishWords, stem } from '../src/pipeline/match/text-tools.ts';

const dir = path.join(ROOT, 'test', 'eval', 'parse');
const items = readdirSync(dir).filter((f) => f.endsWith('.json')).flatMap((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { id: string; text: string; gold: { id: string }[] }[]);
const dev = items.filter((_, i) => i % 2 === 0);
const e = await engine(true);
const scored: { score: number; right: boolean; grounded: boolean }[] = [];
const floor = { ...e.encoder!, threshold: 0.5, unknownWordsOnly: false };
for (const it of dev) {
  const note = parseNote(it.text, e.text);
  const lexical = new Set(note.mentions.map((m) => m.findingId));
  for (const m of await encoderMentions(note, it.text, floor)) {
    if (lexical.has(m.findingId)) continue;
    const right = it.gold.some((g) => g.id === m.findingId || (e.kb.ancestors.get(m.findingId) ?? []).includes(g.id) || (e.kb.ancestors.get(g.id) ?? []).includes(m.findingId));
    // "Unknown" leftovers hold a word that is neither common English nor in the lexicon: a misspelling or a rare term.
    const unknownWord = m.text.toLowerCase().split(/[^a-z]+/).some((w) => w.length >= 4 && !englishWords().has(w) && !e.text.lexicon.stems.has(stem(w)));
    scored.push({ score: m.score!, right, grounded: unknownWord });
  }
}
const rows: (string | number)[][] = [['threshold', 'kept', 'right', 'precision', 'unknown-word kept', 'right', 'precision']];
for (const t of [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.88, 0.9, 0.92, 0.94, 0.96, 0.98]) {
  const kept = scored.filter((s) => s.score >= t);
  const g = kept.filter((s) => s.grounded);
  const p = (xs: typeof kept) => (xs.length ? pct(xs.filter((s) => s.right).length / xs.length) : '-');
  rows.push([t, kept.length, kept.filter((s) => s.right).length, p(kept), g.length, g.filter((s) => s.right).length, p(g)]);
}
console.log(`Encoder ${e.encoder!.embedder.id}: ${scored.length} candidate matches on ${dev.length} calibration notes (lenient: parent or child counts)`);
console.log(table(rows));
