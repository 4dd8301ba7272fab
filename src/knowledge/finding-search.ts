// Finding autocomplete: every label, synonym, lay word and Chinese name, matched by word prefixes and tolerating one typo per word.
import { editDistance } from '../pipeline/match/text-tools.ts';
import type { KnowledgeBase } from './types.ts';

export type FindingHit = { id: string; label: string; matched: string; zh?: string };
export type FindingSearch = (q: string, limit?: number) => FindingHit[];

const norm = (s: string) => s.toLowerCase().normalize('NFKC').replace(/[^\p{L}\p{N} ]+/gu, ' ').replace(/\s+/g, ' ').trim();

/** A query word matches a phrase word it begins, or (from four letters) one it misses by a single edit. */
function wordMatches(q: string, w: string): number {
  if (w.startsWith(q)) return q.length === w.length ? 0 : 1;
  if (q.length >= 4 && Math.abs(w.length - q.length) <= 1 && editDistance(q, w) <= 1) return 2;
  if (q.length >= 4 && w.length > q.length && editDistance(q, w.slice(0, q.length)) <= 1) return 3;
  return -1;
}

export function createFindingSearch(kb: KnowledgeBase): FindingSearch {
  const entries = [...kb.findings.values()].flatMap((f) =>
    [f.label, ...f.synonyms, ...f.lay, ...f.abbreviations, ...(f.zh ? [f.zh.label, ...f.zh.synonyms] : [])].map((p) => ({ f, phrase: p, words: norm(p).split(' ') })));
  return (q, limit = 10) => {
    const query = norm(q);
    if (!query) return [];
    const qWords = query.split(' ');
    const best = new Map<string, { cost: number; hit: FindingHit }>();
    for (const e of entries) {
      let cost = 0;
      for (const qw of qWords) {
        // Chinese has no spaces: a query in Chinese matches inside the phrase.
        const c = /\p{Script=Han}/u.test(qw) ? (e.words.join('').includes(qw) ? 0 : -1) : Math.min(...e.words.map((w) => { const m = wordMatches(qw, w); return m < 0 ? 99 : m; }));
        if (c < 0 || c >= 99) { cost = -1; break; }
        cost += c;
      }
      if (cost < 0) continue;
      cost += e.phrase === e.f.label ? 0 : 0.5;
      const prev = best.get(e.f.id);
      if (!prev || cost < prev.cost) best.set(e.f.id, { cost, hit: { id: e.f.id, label: e.f.label, matched: e.phrase, zh: e.f.zh?.label } });
    }
    return [...best.values()].sort((a, b) => a.cost - b.cost || a.hit.label.length - b.hit.label.length).slice(0, limit).map((b) => b.hit);
  };
}
