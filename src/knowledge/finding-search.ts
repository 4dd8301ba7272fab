// Finding autocomplete: every label, synonym, lay word and Chinese name, matched by word prefixes and tolerating one typo per word.
import type { KnowledgeBase } from './types.ts';

export type FindingHit = { id: string; label: string; matched: string; zh?: string };
export type FindingSearch = (q: string, limit?: number) => FindingHit[];

const norm = (s: string) => s.toLowerCase().normalize('NFKC').replace(/[^\p{L}\p{N} ]+/gu, ' ').replace(/\s+/g, ' ').trim();

/** True when a and b differ by at most one insertion, deletion, substitution or swap of neighbours (linear time). */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** A query word matches a phrase word it begins, or (from four letters) one it misses by a single edit. */
function wordMatches(q: string, w: string): number {
  if (w.startsWith(q)) return q.length === w.length ? 0 : 1;
  if (q.length < 4 || Math.abs(w.length - q.length) > 1 && w.length < q.length) return -1;
  if (withinOneEdit(q, w)) return 2;
  if (w.length > q.length && (withinOneEdit(q, w.slice(0, q.length)) || withinOneEdit(q, w.slice(0, q.length + 1)) || withinOneEdit(q, w.slice(0, q.length - 1)))) return 3;
  return -1;
}

export function createFindingSearch(kb: KnowledgeBase): FindingSearch {
  const entries = [...kb.findings.values()].flatMap((f) =>
    [f.label, ...f.synonyms, ...f.lay, ...f.abbreviations, ...(f.zh ? [f.zh.label, ...f.zh.synonyms] : [])].map((p) => ({ f, phrase: p, words: norm(p).split(' '), joined: norm(p).replace(/ /g, '') })));
  const vocabulary = [...new Set(entries.flatMap((e) => e.words))];
  return (q, limit = 10) => {
    const query = norm(q);
    if (!query) return [];
    const qWords = query.split(' ');
    // Each query word is compared with each distinct vocabulary word once, not once per phrase.
    const costs = qWords.map((qw) => {
      const m = new Map<string, number>();
      if (/\p{Script=Han}/u.test(qw)) return m;
      for (const w of vocabulary) { const c = wordMatches(qw, w); if (c >= 0) m.set(w, c); }
      return m;
    });
    const best = new Map<string, { cost: number; hit: FindingHit }>();
    for (const e of entries) {
      let cost = 0;
      for (let i = 0; i < qWords.length; i++) {
        // Chinese has no spaces: a query in Chinese matches inside the phrase.
        let c = Infinity;
        if (/\p{Script=Han}/u.test(qWords[i])) c = e.joined.includes(qWords[i]) ? 0 : Infinity;
        else for (const w of e.words) c = Math.min(c, costs[i].get(w) ?? Infinity);
        if (c === Infinity) { cost = -1; break; }
        cost += c;
      }
      if (cost < 0) continue;
      // Prefer a finding's own label, and phrases with few words beyond the query.
      cost += (e.phrase === e.f.label ? 0 : 0.5) + 0.3 * Math.max(0, e.words.length - qWords.length);
      const prev = best.get(e.f.id);
      if (!prev || cost < prev.cost) best.set(e.f.id, { cost, hit: { id: e.f.id, label: e.f.label, matched: e.phrase, zh: e.f.zh?.label } });
    }
    return [...best.values()].sort((a, b) => a.cost - b.cost || a.hit.label.length - b.hit.label.length).slice(0, limit).map((b) => b.hit);
  };
}
