// A deterministic stand-in encoder for tests: hashed character trigrams, so near spellings land near each other.
import type { Embedder } from './embedder.ts';

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function createFakeEmbedder(dim = 256): Embedder {
  return {
    id: `fake-trigram-${dim}`,
    async embed(texts) {
      return texts.map((t) => {
        const v = new Float32Array(dim);
        const s = ` ${t.toLowerCase().replace(/\s+/g, ' ').trim()} `;
        for (let i = 0; i + 3 <= s.length; i++) v[hash(s.slice(i, i + 3)) % dim] += 1;
        const n = Math.hypot(...v) || 1;
        for (let i = 0; i < dim; i++) v[i] /= n;
        return v;
      });
    },
  };
}
