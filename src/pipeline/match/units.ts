// Turns tokens into matching units: abbreviations expanded, filler words dropped, words stemmed; each unit remembers its token.
import type { Token } from '../parse/tokenize.ts';
import { tokenize } from '../parse/tokenize.ts';
import { stem } from './text-tools.ts';

export type Unit = { stem: string; word: string; token: number };

/** Words that carry no meaning for matching a finding ("pain in the chest" ~ "pain in chest"). */
export const FILLER = new Set(['the', 'a', 'an', 'my', 'his', 'her', 'their', 'your', 'our', 'its', 'is', 'are', 'was', 'were', 'be', 'been',
  'am', 'very', 'really', 'quite', 'some', 'lot', 'lots', 'much', 'so', 'too', 'of', 'in', 'on', 'at', 'to', 'and', 'or', 'i', 'me', 'he',
  'she', 'it', 'they', 'we', 'you', 'this', 'that', 'these', 'those', 'got', 'get', 'getting', 'gets', 'feel', 'feels', 'feeling', 'felt', 'having',
  'has', 'have', 'had', 'patient', 'pt', 'c', 'o', 'also', 'like', 'kind', 'sort', 'just', 'keeps', 'keep', 'kept', 'all', 'time', 'since', 'for', 'x',
  '的', '了', '很', '我', '他', '她', '你', '也', '都', '还', '在', '是', '得', '着', '吗', '呢', '吧', '啊',
  'under', 'behind', 'over', 'around', 'near', 'across', 'into', 'from', 'at', 'by', 'there', 'here', 'some', 'any']);

/** Side words are kept for matching ("right upper quadrant pain") but may be skipped when nothing matches with them ("pain in the right eye"). */
export const SIDES = new Set(['right', 'left', 'both', 'bilateral', 'r', 'l']);

export type Expansions = ReadonlyMap<string, string[]>;

/** Abbreviation table: one-token shorthand → its words (multi-word shorthand is matched by the lexicon itself). */
export function buildExpansions(abbreviations: readonly { short: string; long: string }[]): Expansions {
  const map = new Map<string, string[]>();
  for (const a of abbreviations) {
    const toks = tokenize(a.short);
    if (toks.length === 1) map.set(toks[0].lower, tokenize(a.long).map((t) => t.lower));
  }
  return map;
}

export function toUnits(tokens: readonly Token[], expansions: Expansions): Unit[] {
  const units: Unit[] = [];
  tokens.forEach((t, i) => {
    // Numbers never name a finding ("took 30 paracetamol" is "took paracetamol"); vitals and durations are read elsewhere.
    if (t.kind === 'punct' || t.kind === 'num') return;
    const words = expansions.get(t.lower) ?? [t.lower];
    for (const w of words) if (!FILLER.has(w)) units.push({ stem: stem(w), word: w, token: i });
  });
  return units;
}

/** The key a phrase is indexed under: its units' stems in order. */
export function phraseKey(phrase: string, expansions: Expansions): string {
  return toUnits(tokenize(phrase), expansions).map((u) => u.stem).join(' ');
}
