// Property tests of the note parser with the shipped knowledge base: any text — random, huge, Unicode-heavy, full of control
// characters, negations and numbers — parses without throwing, quickly, into spans that point back into the text.
import fc from 'fast-check';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/config.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { buildTextIndex, parseNote } from '../../src/pipeline/parse/note.ts';
import { assess } from '../../src/pipeline/run.ts';
import { LIMITS } from '../../src/web/intake.ts';
import { assertEach, NASTY, note, RUNS } from './arbitraries.ts';

const kb = loadKnowledge(path.join(ROOT, 'knowledge'));
const idx = buildTextIndex(kb);
const ASSERTIONS = new Set(['present', 'absent', 'possible', 'historical', 'family', 'hypothetical']);
/**
 * No single note may take longer than this. A note at the length limit takes a few hundred ms on a busy 2-core machine
 * (see BENCHMARKS.md); a catastrophic regex or an exponential rule would take far longer, and that is what this bound catches.
 */
const MAX_MS = 5000;

function checkParsed(text: string) {
  const t0 = performance.now();
  const p = parseNote(text, idx);
  const ms = performance.now() - t0;
  expect(ms).toBeLessThan(MAX_MS);
  for (const m of p.mentions) {
    expect(kb.findings.has(m.findingId)).toBe(true);
    expect(m.span[0]).toBeGreaterThanOrEqual(0);
    expect(m.span[1]).toBeLessThanOrEqual(text.length);
    expect(m.span[0]).toBeLessThan(m.span[1]);
    expect(m.text).toBe(text.slice(m.span[0], m.span[1]));
    expect(ASSERTIONS.has(m.assertion)).toBe(true);
  }
  for (const l of p.leftovers) {
    expect(l.span[0]).toBeGreaterThanOrEqual(0);
    expect(l.span[1]).toBeLessThanOrEqual(text.length);
    expect(l.text).toBe(text.slice(l.span[0], l.span[1]));
  }
  for (const v of Object.values(p.numbers.vitals)) if (v !== undefined) expect(Number.isFinite(v)).toBe(true);
  if (p.numbers.ageMonths !== undefined) expect(Number.isFinite(p.numbers.ageMonths)).toBe(true);
  return ms;
}

describe('parseNote with the shipped knowledge base under random input', () => {
  it(`parses clinical-looking notes of phrases, negations, numbers and junk (${RUNS.notes} cases)`, async () => {
    await assertEach(note(kb, 12), (text) => { checkParsed(text); }, RUNS.notes);
  }, 180_000);

  it(`parses long clinical-looking notes of 100 to 400 pieces (${Math.round(RUNS.notes / 100)} cases)`, async () => {
    await assertEach(note(kb, 400, 100), (text) => { checkParsed(text.slice(0, LIMITS.textChars)); }, Math.round(RUNS.notes / 100));
  }, 120_000);

  it(`parses arbitrary Unicode and binary strings (${RUNS.pure} cases)`, async () => {
    // fast-check's default size keeps most of these short; the long ones are covered by the tests below.
    const any = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ maxLength: 200 }),
      fc.array(fc.constantFrom(...NASTY), { maxLength: 100 }).map((a) => a.join('')));
    await assertEach(any, (text) => { checkParsed(text); }, RUNS.pure);
  }, 120_000);

  it('parses notes at the length limit made of one repeated pathological piece, each within the time bound', () => {
    const pieces = ['a', '1', '9.', '1/', 'no ', 'not ', ', ', '.', '\n', '\u0000', '🤒', 'e\u0301', '发烧', 'fever ', 'no fever, ', 'T 38.', 'BP 120/', '38.5 ',
      'sats ', '% ', 'x3d ', 'denies ', 'history of ', 'mother ', '? ', 'cough and ', 'chest pain ', '- ', '((', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa ', '3yo ', '45yo F '];
    const slowest: [string, number][] = [];
    for (const p of pieces) {
      const text = p.repeat(Math.ceil(LIMITS.textChars / p.length)).slice(0, LIMITS.textChars);
      slowest.push([p, checkParsed(text)]);
    }
    slowest.sort((a, b) => b[1] - a[1]);
    expect(slowest[0][1]).toBeLessThan(MAX_MS);
  }, 120_000);

  it(`runs the whole pipeline (no encoder) on random notes up to the length limit without throwing (${Math.round(RUNS.notes / 40)} cases)`, async () => {
    const long = fc.array(note(kb, 30), { minLength: 1, maxLength: 6 }).map((a) => a.join('. ').slice(0, LIMITS.textChars));
    await fc.assert(fc.asyncProperty(long, fc.integer({ min: 0, max: 1560 }), fc.constantFrom('female' as const, 'male' as const), async (text, ageMonths, sex) => {
      const o = await assess({ patient: { age: Math.floor(ageMonths / 12), ageMonths, sex }, text, findings: [], vitals: {}, settings: [] }, { kb, text: idx, appVersion: 'fuzz' });
      expect(['emergency', 'urgent', 'routine', 'self-care']).toContain(o.triage.level);
      const total = o.differential.reduce((s, d) => s + d.probability, 0);
      for (const d of o.differential) expect(Number.isFinite(d.probability)).toBe(true);
      if (o.differential.length) expect(total).toBeLessThanOrEqual(1.0001);
    }), { numRuns: Math.round(RUNS.notes / 40) });
  }, 120_000);
});
