// Embeddings of every finding phrase, computed once per model and knowledge version and cached on disk, with nearest-finding search.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { KnowledgeBase } from '../knowledge/types.ts';
import { cosine, type Embedder } from './embedder.ts';

export type FindingVectors = { phrases: { findingId: string; text: string }[]; vectors: Float32Array[]; nearest(v: Float32Array): { findingId: string; phrase: string; score: number } | undefined };

export function findingPhrases(kb: KnowledgeBase): { findingId: string; text: string }[] {
  const out: { findingId: string; text: string }[] = [];
  for (const f of kb.findings.values()) {
    const seen = new Set<string>();
    for (const p of [f.label, ...f.synonyms, ...f.lay]) {
      const t = p.toLowerCase().trim();
      if (!seen.has(t)) { seen.add(t); out.push({ findingId: f.id, text: t }); }
    }
  }
  return out;
}

/** Loads the cache when its key matches (model id, knowledge version and the phrases themselves), else embeds in batches and saves. */
export async function buildFindingVectors(kb: KnowledgeBase, embedder: Embedder, cacheDir: string | undefined, onProgress?: (done: number, total: number) => void): Promise<FindingVectors> {
  const phrases = findingPhrases(kb);
  const key = createHash('sha256').update(embedder.id).update(kb.manifest.version).update(JSON.stringify(phrases)).digest('hex').slice(0, 16);
  const file = cacheDir ? path.join(cacheDir, `finding-vectors-${key}.bin`) : undefined;
  let vectors: Float32Array[] | undefined;
  if (file && existsSync(file)) {
    const buf = readFileSync(file);
    const all = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
    const dim = all.length / phrases.length;
    if (Number.isInteger(dim)) vectors = phrases.map((_, i) => all.slice(i * dim, (i + 1) * dim));
  }
  if (!vectors) {
    vectors = [];
    const batch = 64;
    for (let i = 0; i < phrases.length; i += batch) {
      vectors.push(...(await embedder.embed(phrases.slice(i, i + batch).map((p) => p.text))));
      onProgress?.(Math.min(i + batch, phrases.length), phrases.length);
    }
    if (file) {
      mkdirSync(cacheDir!, { recursive: true });
      const all = new Float32Array(vectors.reduce((n, v) => n + v.length, 0));
      let o = 0;
      for (const v of vectors) { all.set(v, o); o += v.length; }
      writeFileSync(file + '.tmp', Buffer.from(all.buffer));
      renameSync(file + '.tmp', file);
    }
  }
  const vs = vectors;
  return {
    phrases, vectors: vs,
    nearest(v) {
      let best = -2;
      let at = -1;
      for (let i = 0; i < vs.length; i++) { const s = cosine(v, vs[i]); if (s > best) { best = s; at = i; } }
      return at < 0 ? undefined : { findingId: phrases[at].findingId, phrase: phrases[at].text, score: best };
    },
  };
}
