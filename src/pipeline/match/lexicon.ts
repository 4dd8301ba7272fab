// Finds knowledge-base findings in a unit sequence: exact phrase, then same words in another order, then bounded typo repair.
import type { KnowledgeBase } from '../../knowledge/types.ts';
import { tokenize } from '../parse/tokenize.ts';
import { buildExpansions, type Expansions, phraseKey, SIDES, toUnits, type Unit } from './units.ts';
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
  painWords: ReadonlySet<string>;
  siteFinding: ReadonlyMap<string, string>;
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
  const ambiguous = new Set(kb.engine.ambiguousWords.map((w) => stem(w)));
  const shrunk: [string, string][] = [];
  for (const f of kb.findings.values()) {
    for (const phrase of [f.label, ...f.synonyms, ...f.lay, ...f.abbreviations, ...(f.zh ? [f.zh.label, ...f.zh.synonyms] : [])]) {
      const toks = tokenize(phrase.toLowerCase());
      const units = toUnits(toks, expansions);
      const key = units.map((u) => u.stem).join(' ');
      if (!key) continue;
      // A phrase that shrinks to one word once filler is dropped ("feel like vomiting" → "vomit") or that is one general
      // word ("pain", "cold") would claim that word everywhere, so it is not indexed.
      // A phrase that shrinks to one word ("on insulin" → "insulin") may have that word only if no finding names it outright
      // (so "feel like vomiting" never takes "vomit" from vomiting); one general word ("pain", "cold") never counts.
      if (units.length === 1 && ambiguous.has(units[0].stem)) continue;
      if (units.length === 1 && toks.filter((t) => t.kind !== 'punct').length > 1) { shrunk.push([key, f.id]); continue; }
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
  for (const [key, id] of shrunk) if (!exact.has(key)) exact.set(key, id);
  // Phrases that deny a finding are indexed as "!<id>"; the parser turns such a match into an absent mention.
  for (const n of kb.negativePhrases) {
    const key = phraseKey(n.phrase.toLowerCase(), expansions);
    if (key) { exact.set(key, `!${n.finding}`); maxUnits = Math.max(maxUnits, key.split(' ').length); }
  }
  const siteFinding = new Map<string, string>();
  for (const site of kb.bodySites.sites) for (const w of site.words) siteFinding.set(w, site.finding);
  return {
    expansions, exact, bag: cleanBag, stems, wordsByLength, maxUnits, fuzzy: kb.engine.fuzzy, english: englishWords(), repairs: new Map(),
    painWords: new Set(kb.bodySites.painWords), siteFinding,
  };
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
        // Typos rarely touch a word's first letters; a changed start is usually another word ("afebrile" is not "febrile").
        if (cand[0] !== word[0] || cand[1] !== word[1]) continue;
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

/**
 * Three passes, each on the units the earlier ones left: exact phrases (longest first, with typo repair), then the same
 * words in another order, then pain words next to a body site. Exact phrases go first so that "cold sweat" is not read
 * as "out cold" in "broke out in a cold sweat".
 */
export function matchUnits(units: readonly Unit[], lex: Lexicon): LexMatch[] {
  const repaired = units.map((u) => {
    if (lex.stems.has(u.stem) || u.word.length < lex.fuzzy.minLength) return null;
    const r = repair(u.word, lex);
    return r ? stem(r) : null;
  });
  const used = new Array<boolean>(units.length).fill(false);
  const out: LexMatch[] = [];
  for (const pass of ['exact', 'bag'] as const) {
    const look = (stems: string[]) => (pass === 'exact' ? lex.exact.get(stems.join(' ')) : stems.length >= 2 && stems.length <= 4 ? lex.bag.get(bagKey(stems)) : undefined);
    const candidates: LexMatch[] = [];
    for (let i = 0; i < units.length; i++) {
      for (let len = Math.min(lex.maxUnits, units.length - i); len >= 1; len--) {
        const slice = units.slice(i, i + len);
        if (slice.some((u) => u.token - slice[0].token > len + 3)) continue;
        const plain = slice.map((u) => u.stem);
        const fixed = slice.map((u, k) => repaired[i + k] ?? u.stem);
        const sideless = slice.filter((u, k) => (k > 0 && k < len - 1 ? !SIDES.has(u.word) : true)).map((u) => u.stem);
        const id = look(plain) ?? (sideless.length < len && sideless.length >= 2 ? look(sideless) : undefined);
        if (id) { candidates.push({ from: i, to: i + len, findingId: id, method: 'lexicon' }); break; }
        const rid = fixed.some((x, k) => x !== plain[k]) ? look(fixed) : undefined;
        if (rid) { candidates.push({ from: i, to: i + len, findingId: rid, method: 'fuzzy' }); break; }
      }
    }
    // The longest phrase wins wherever it starts; among equals, the leftmost.
    candidates.sort((a, b) => b.to - b.from - (a.to - a.from) || a.from - b.from);
    for (const c of candidates) {
      if (used.slice(c.from, c.to).some(Boolean)) continue;
      out.push(c);
      for (let k = c.from; k < c.to; k++) used[k] = true;
    }
  }
  return [...out, ...sitePains(units, out, lex)].sort((a, b) => a.from - b.from);
}

/**
 * "pain in my right eye", "tummy is paining": a pain word within three words of a site word names that site's pain. The
 * pain word may also belong to a match that names no site ("terrible pain behind my eyes" is severe pain and eye pain).
 */
function sitePains(units: readonly Unit[], taken: readonly LexMatch[], lex: Lexicon): LexMatch[] {
  const used = new Array<boolean>(units.length).fill(false);
  const shareable = new Array<boolean>(units.length).fill(false);
  const siteIds = new Set(lex.siteFinding.values());
  for (const m of taken) for (let i = m.from; i < m.to; i++) { used[i] = true; shareable[i] = !siteIds.has(m.findingId); }
  const out: LexMatch[] = [];
  units.forEach((u, i) => {
    if ((used[i] && !shareable[i]) || !lex.painWords.has(u.word)) return;
    for (let d = 1; d <= 3; d++) {
      for (const j of [i + d, i - d]) {
        const site = units[j] && !used[j] ? lex.siteFinding.get(units[j].word) : undefined;
        if (!site) continue;
        const [from, to] = [Math.min(i, j), Math.max(i, j) + 1];
        if (used.slice(from, to).some((x, k) => x && !(from + k === i && shareable[i]))) continue;
        for (let k = from; k < to; k++) used[k] = true;
        out.push({ from, to, findingId: site, method: 'lexicon' });
        return;
      }
    }
  });
  return out;
}
