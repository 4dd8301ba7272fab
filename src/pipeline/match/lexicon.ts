// Finds knowledge-base findings in a unit sequence: exact phrase, then same words in another order, then bounded typo repair.
import type { KnowledgeBase } from '../../knowledge/types.ts';
import { buildExpansions, type Expansions, phraseKey, type Unit } from './units.ts';
import { editDistance, englishWords, stem } from './text-tools.ts';

export type Lexicon = {
  expansions: Expansions;
  exact: ReadonlyMap<string, string>;
  /** Same stems in any order, for phrases of 2–4 units ("swollen legs" ~ "legs are swollen"). */
  bag: ReadonlyMap<string, string>;
  /** Every word of every phrase, by stem, for typo repair. */
  stems: ReadonlySet<string>;
  wordsByLength: ReadonlyMap<number, readonly string[]>;
  maxUnits: number;
  fuzzy: KnowledgeBase['engine']['fuzzy'];
  english: ReadonlySet<string>;
  repairs: Map<string, string | null>;
};

export type LexMatch = { from: number; to: number; findingId: string; method: 'lexicon' | 'fuzzy' };

const bagKey = (stems: string[]) => [...stems].sort().join(' ');

/** Index every label, synonym, lay word and abbreviation of every finding once per knowledge base. */
export function buildLexicon(kb: KnowledgeBase): Lexicon {
  const expansions = buildExpansions(kb.abbreviations);
  const exact = new Map<string, string>();
  const bag = new Map<string, string | null>();
  const stems = new Set<string>();
  const words = new Set<string>();
  let maxUnits = 1;
  for (const f of kb.findings.values()) {
    for (const phrase of [f.label, ...f.synonyms, ...f.lay, ...f.abbreviations]) {
      const key = phraseKey(phrase.toLowerCase(), expansions);
      if (!key) continue;
      if (!exact.has(key)) exact.set(key, f.id);
      const parts = key.split(' ');
      maxUnits = Math.max(maxUnits, parts.length);
      if (parts.length >= 2 && parts.length <= 4) {
        const b = bagKey(parts);
        // A bag shared by two findings is ambiguous, so it is dropped rather than guessed.
        bag.set(b, bag.has(b) && bag.get(b) !== f.id ? null : f.id);
      }
      for (const p of parts) stems.add(p);
      for (const w of phrase.toLowerCase().split(/[^a-z]+/)) if (w.length >= kb.engine.fuzzy.minLength) words.add(w);
    }
  }
  const wordsByLength = new Map<number, string[]>();
  for (const w of words) wordsByLength.set(w.length, [...(wordsByLength.get(w.length) ?? []), w]);
  const cleanBag = new Map([...bag].filter((e): e is [string, string] => e[1] !== null));
  return { expansions, exact, bag: cleanBag, stems, wordsByLength, maxUnits, fuzzy: kb.engine.fuzzy, english: englishWords(), repairs: new Map() };
}

/** The lexicon word a misspelt word most likely meant, if exactly one is close enough; null when none is. */
function repair(word: string, lex: Lexicon): string | null {
  const cached = lex.repairs.get(word);
  if (cached !== undefined) return cached;
  const { minLength, maxDistanceShort, maxDistanceLong, longFrom } = lex.fuzzy;
  let result: string | null = null;
  if (word.length >= minLength && /^[a-z]+$/.test(word) && !lex.english.has(word)) {
    const max = word.length >= longFrom ? maxDistanceLong : maxDistanceShort;
    let best = max + 1;
    let ties = 0;
    for (let len = word.length - max; len <= word.length + max; len++) {
      for (const cand of lex.wordsByLength.get(len) ?? []) {
        const d = editDistance(word, cand);
        if (d < best) { best = d; result = cand; ties = 0; } else if (d === best && stem(cand) !== stem(result ?? '')) ties++;
      }
    }
    if (best > max || ties > 0) result = null;
  }
  if (lex.repairs.size > 50_000) lex.repairs.clear();
  lex.repairs.set(word, result);
  return result;
}

/** Longest match first, left to right; a unit belongs to at most one match. */
export function matchUnits(units: readonly Unit[], lex: Lexicon): LexMatch[] {
  const repaired = units.map((u) => {
    if (lex.stems.has(u.stem) || u.word.length < lex.fuzzy.minLength) return null;
    const r = repair(u.word, lex);
    return r ? stem(r) : null;
  });
  const out: LexMatch[] = [];
  let i = 0;
  while (i < units.length) {
    let found: LexMatch | undefined;
    for (let len = Math.min(lex.maxUnits, units.length - i); len >= 1 && !found; len--) {
      const slice = units.slice(i, i + len);
      const sameSentenceSpan = slice.every((u) => u.token - slice[0].token <= len + 3);
      if (!sameSentenceSpan) continue;
      const plain = slice.map((u) => u.stem);
      const fixed = slice.map((u, k) => repaired[i + k] ?? u.stem);
      const usedRepair = fixed.some((s, k) => s !== plain[k]);
      const id = lex.exact.get(plain.join(' ')) ?? (len >= 2 && len <= 4 ? lex.bag.get(bagKey(plain)) : undefined);
      if (id) { found = { from: i, to: i + len, findingId: id, method: 'lexicon' }; break; }
      if (usedRepair) {
        const rid = lex.exact.get(fixed.join(' ')) ?? (len >= 2 && len <= 4 ? lex.bag.get(bagKey(fixed)) : undefined);
        if (rid) found = { from: i, to: i + len, findingId: rid, method: 'fuzzy' };
      }
    }
    if (found) { out.push(found); i = found.to; } else i++;
  }
  return out;
}
