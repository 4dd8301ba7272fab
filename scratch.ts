import { loadKnowledge } from './src/knowledge/load.ts';
import { buildTextIndex, parseNote } from './src/pipeline/parse/note.ts';
const kb = loadKnowledge('knowledge');
const idx = buildTextIndex(kb);
for (const t of process.argv.slice(2)) {
  const n = parseNote(t, idx);
  console.log(t, '\n  ', n.mentions.map(m => `${m.text}=>${m.findingId}:${m.assertion}`).join(' | '), '\n   left:', n.leftovers.map(l => l.text).join(' | '));
}
