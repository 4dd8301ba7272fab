import { readFileSync, readdirSync } from 'node:fs';
import { engine } from './test/eval/lib.ts';
import { parseNote } from './src/pipeline/parse/note.ts';
const e = await engine(false);
const items = readdirSync('test/eval/parse').filter(f => f.endsWith('.json')).flatMap(f => JSON.parse(readFileSync('test/eval/parse/' + f, 'utf8')));
let shown = 0;
const wrongStatus: string[] = [];
for (const it of items) {
  const n = parseNote(it.text, e.text);
  const pred = new Map(n.mentions.map(m => [m.findingId, m]));
  const missed = it.gold.filter((g: any) => !pred.has(g.id)).map((g: any) => g.id);
  for (const g of it.gold) { const m = pred.get(g.id); if (m && m.assertion !== g.status && !(g.status==='present' && m.assertion==='historical')) wrongStatus.push(`${g.id}: gold ${g.status} got ${m.assertion} | ${it.text.slice(0, 140)}`); }
  if (missed.length && shown++ < Number(process.argv[2] ?? 25) && it.id.startsWith(process.argv[3] ?? '')) console.log(`${it.id}: ${it.text}\n   missed: ${missed.join(', ')}\n   got: ${n.mentions.map(m => m.findingId).join(', ')}`);
}
console.log('\nWRONG STATUS', wrongStatus.length); console.log(wrongStatus.slice(0, 40).join('\n'));
