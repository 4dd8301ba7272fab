// Understands a free-text note: numbers, finding mentions (lexicon and typo repair) with assertion and qualifiers, and what was left over.
import type { KnowledgeBase } from '../../knowledge/types.ts';
import { buildLexicon, type Lexicon, matchUnits } from '../match/lexicon.ts';
import { FILLER, toUnits } from '../match/units.ts';
import type { Mention } from '../types.ts';
import { assertionFor, buildContextIndex, type ContextIndex, findTriggers, type TriggerHit } from './context.ts';
import { buildNumberPatterns, type NumberFacts, type NumberPatterns, readNumbers } from './numbers.ts';
import { qualifiersOf } from './qualifiers.ts';
import { type Token, tokenize } from './tokenize.ts';

export type TextIndex = { lexicon: Lexicon; context: ContextIndex; numbers: NumberPatterns; historyKinds: ReadonlySet<string> };

export function buildTextIndex(kb: KnowledgeBase): TextIndex {
  const historyKinds = new Set([...kb.findings.values()].filter((f) => f.kind === 'history' || f.kind === 'risk-factor').map((f) => f.id));
  return { lexicon: buildLexicon(kb), context: buildContextIndex(kb.contextRules), numbers: buildNumberPatterns(kb.numbers), historyKinds };
}

/** A stretch of the note that no finding matched: the encoder's input, and what the page shows as not understood. */
export type Leftover = { text: string; span: [number, number]; from: number; to: number };

export type ParsedNote = { tokens: Token[]; triggers: TriggerHit[]; mentions: Mention[]; numbers: NumberFacts; leftovers: Leftover[] };

const CLAUSE_BREAK = new Set([',', ':', '(', ')', 'and', 'or', 'but', 'with', 'however', 'also', 'plus', 'then', 'since', 'for', 'x']);

/** The clause (comma/conjunction-delimited stretch of a sentence) around a token range, as text, for qualifiers. */
function clauseText(text: string, tokens: readonly Token[], from: number, to: number): string {
  let a = from;
  while (a > 0 && tokens[a - 1].sentence === tokens[from].sentence && !CLAUSE_BREAK.has(tokens[a - 1].lower)) a--;
  let b = to;
  // Qualifiers often follow the finding after a preposition ("cough for 3 days"), so the clause runs to the next comma.
  while (b < tokens.length && tokens[b].sentence === tokens[from].sentence && ![',', ';', 'and', 'but', 'or', 'however'].includes(tokens[b].lower)) b++;
  return text.slice(tokens[a].start, tokens[b - 1].end);
}

export function parseNote(text: string, idx: TextIndex): ParsedNote {
  const tokens = tokenize(text);
  const numbers = readNumbers(text, idx.numbers);
  const triggers = findTriggers(tokens, idx.context);
  const mentions: Mention[] = [];
  const covered = new Array<boolean>(tokens.length).fill(false);
  const numberSpans = [...numbers.spans.map((s) => s.span), ...(numbers.ageSpan ? [numbers.ageSpan] : [])];
  if (numberSpans.length) tokens.forEach((t, i) => { if (numberSpans.some(([a, b]) => t.start >= a && t.end <= b)) covered[i] = true; });
  // Trigger words stay matchable: lay phrases such as "no appetite" or "can't breathe" contain them.
  const sentences = new Map<number, number[]>();
  tokens.forEach((t, i) => {
    if (covered[i]) return;
    const list = sentences.get(t.sentence);
    if (list) list.push(i); else sentences.set(t.sentence, [i]);
  });
  for (const h of triggers) for (let i = h.from; i < h.to; i++) covered[i] = true;
  const found: { from: number; to: number; findingId: string; method: Mention['method'] }[] = [];
  for (const idxs of sentences.values()) {
    const sentTokens = idxs.map((i) => tokens[i]);
    const units = toUnits(sentTokens, idx.lexicon.expansions).map((u) => ({ ...u, token: idxs[u.token] }));
    for (const m of matchUnits(units, idx.lexicon)) found.push({ from: units[m.from].token, to: units[m.to - 1].token + 1, findingId: m.findingId, method: m.method });
  }
  // A trigger word inside a matched phrase ("not feeding well") belongs to that phrase and reaches no other finding.
  const free = triggers.filter((h) => !found.some((m) => h.from >= m.from && h.to <= m.to));
  for (const m of found) {
    for (let i = m.from; i < m.to; i++) covered[i] = true;
    const denied = m.findingId.startsWith('!');
    const findingId = denied ? m.findingId.slice(1) : m.findingId;
    mentions.push({
      findingId, span: [tokens[m.from].start, tokens[m.to - 1].end], text: text.slice(tokens[m.from].start, tokens[m.to - 1].end),
      assertion: denied ? 'absent' : assertionFor(m.from, m.to, tokens, free, idx.historyKinds.has(findingId)), method: m.method,
      qualifiers: qualifiersOf(clauseText(text, tokens, m.from, m.to)),
    });
  }
  return { tokens, triggers: free, mentions, numbers, leftovers: leftovers(text, tokens, covered) };
}

/** Runs of uncovered tokens, split at clause breaks, that hold at least one meaningful word. */
function leftovers(text: string, tokens: readonly Token[], covered: boolean[]): Leftover[] {
  const out: Leftover[] = [];
  let start = -1;
  const flush = (end: number) => {
    if (start < 0) return;
    while (start < end && FILLER.has(tokens[start].lower)) start++;
    while (end > start && FILLER.has(tokens[end - 1].lower)) end--;
    if (start >= end) { start = -1; return; }
    const words = tokens.slice(start, end).filter((t) => t.kind === 'word' && t.lower.length >= 3 && !FILLER.has(t.lower));
    if (words.length && words.length <= 8) out.push({ text: text.slice(tokens[start].start, tokens[end - 1].end), span: [tokens[start].start, tokens[end - 1].end], from: start, to: end });
    start = -1;
  };
  tokens.forEach((t, i) => {
    const boundary = covered[i] || t.kind === 'punct' || t.kind === 'num' || CLAUSE_BREAK.has(t.lower) || (i > 0 && tokens[i - 1].sentence !== t.sentence);
    if (boundary) flush(i);
    if (!covered[i] && t.kind !== 'punct' && t.kind !== 'num' && !CLAUSE_BREAK.has(t.lower) && start < 0) start = i;
  });
  flush(tokens.length);
  return out;
}
