// ConText-style assertion: triggers from the knowledge base decide whether each mention is present, absent, possible, past or a relative's.
import type { ContextRule } from '../../knowledge/schema.ts';
import type { Assertion } from '../types.ts';
import { type Token, tokenize } from './tokenize.ts';

type Compiled = { words: string[]; rule: ContextRule };
export type ContextIndex = { byFirst: ReadonlyMap<string, Compiled[]> };

export type TriggerHit = { from: number; to: number; rule: ContextRule };

export function buildContextIndex(rules: readonly ContextRule[]): ContextIndex {
  const byFirst = new Map<string, Compiled[]>();
  for (const rule of rules) {
    // A leading "?" is a query mark ("?pneumonia"), which the tokenizer would otherwise read as the end of a question.
    const words = rule.trigger.startsWith('?') ? ['?', ...tokenize(rule.trigger.slice(1)).map((t) => t.lower)] : tokenize(rule.trigger).map((t) => t.lower);
    if (!words.length) continue;
    byFirst.set(words[0], [...(byFirst.get(words[0]) ?? []), { words, rule }]);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  return { byFirst };
}

/** Every trigger in the token stream, longest first at each position; pseudo-triggers occupy their words so nothing inside fires. */
export function findTriggers(tokens: readonly Token[], index: ContextIndex): TriggerHit[] {
  const hits: TriggerHit[] = [];
  let i = 0;
  while (i < tokens.length) {
    const cands = index.byFirst.get(tokens[i].lower) ?? [];
    const matching = cands.filter((c) => c.words.every((w, k) => tokens[i + k]?.lower === w && tokens[i + k].sentence === tokens[i].sentence));
    if (!matching.length) { i++; continue; }
    // Every rule of the longest matching trigger applies ("last year" looks both ways).
    const len = matching[0].words.length;
    for (const c of matching.filter((m) => m.words.length === len)) hits.push({ from: i, to: i + len, rule: c.rule });
    i += len;
  }
  return hits;
}

const PRECEDENCE: Assertion[] = ['absent', 'family', 'hypothetical', 'possible', 'historical'];
const CATEGORY_TO_ASSERTION: Record<string, Assertion> = {
  negated: 'absent', possible: 'possible', historical: 'historical', family: 'family', hypothetical: 'hypothetical',
};

/**
 * The assertion for a mention spanning tokens [from, to): a trigger reaches it when it stands in the same sentence, within
 * its scope, with no terminator for its category between; triggers inside the mention itself are part of it, and a trigger
 * that runs into the mention's first words ("no history of" + "history of asthma") still reaches it. A relative's trigger
 * ("mother has") makes a family assertion only for a disease-history finding; otherwise the carer is describing the patient.
 */
export function assertionFor(from: number, to: number, tokens: readonly Token[], hits: readonly TriggerHit[], historyKind = false): Assertion {
  const sentence = tokens[from].sentence;
  const found = new Set<Assertion>();
  const terminators = hits.filter((h) => h.rule.category === 'terminate' && tokens[h.from].sentence === sentence);
  // A scope also ends at a number (a list of vitals separates findings) and at another kind of trigger ("no fever, ?TB").
  const others = hits.filter((h) => h.rule.category !== 'terminate' && h.rule.category !== 'pseudo' && tokens[h.from].sentence === sentence);
  const blocked = (a: number, b: number, category: string) =>
    terminators.some((t) => t.from >= a && t.to <= b && (!t.rule.stops || (t.rule.stops as string[]).includes(category))) ||
    others.some((o) => o.from >= a && o.to <= b && o.rule.category !== category) ||
    tokens.slice(a, b).some((t) => t.kind === 'num');
  for (const h of hits) {
    const category = h.rule.category === 'relative' ? (historyKind ? 'family' : undefined) : h.rule.category;
    const a = category ? CATEGORY_TO_ASSERTION[category] : undefined;
    if (!a || tokens[h.from].sentence !== sentence) continue;
    if (h.from >= from && h.to <= to) continue;
    const forward = h.rule.direction !== 'backward' && h.from < from && h.to <= to && from - h.to < h.rule.maxScope && !blocked(h.to, from, h.rule.category);
    const backward = h.rule.direction !== 'forward' && h.from >= to && h.from - to < h.rule.maxScope && !blocked(to, h.from, h.rule.category);
    if (forward || backward) found.add(a);
  }
  return PRECEDENCE.find((a) => found.has(a)) ?? 'present';
}
