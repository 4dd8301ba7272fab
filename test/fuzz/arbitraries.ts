// fast-check generators for hostile input: any JSON, case-shaped bodies with wrong types, form posts, and clinical-looking notes
// full of Unicode, control characters, numbers and negations. Run counts can be raised with FUZZ_RUNS / FUZZ_HTTP_RUNS.
import fc from 'fast-check';
import type { KnowledgeBase } from '../../src/knowledge/types.ts';
import { LIMITS } from '../../src/web/intake.ts';

export const RUNS = {
  /** Pure functions: intake, form, parse of raw strings. */
  pure: Number(process.env.FUZZ_RUNS ?? 10_000),
  /** Parses of clinical-looking notes cost a few ms each (matching every phrase), so fewer by default; FUZZ_NOTE_RUNS=10000 for a full run. */
  notes: Number(process.env.FUZZ_NOTE_RUNS ?? process.env.FUZZ_RUNS ?? 2_000),
  /** Requests through createApp over loopback. */
  http: Number(process.env.FUZZ_HTTP_RUNS ?? 600),
};

/** Characters that break naive code: NUL and other controls, bidi overrides, zero-width, surrogates, combining marks, emoji, CJK. */
export const NASTY = ['\u0000', '\u0001', '\u0007', '\b', '\t', '\n', '\r', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\u00a0', '\u200b', '\u200d', '\u2028', '\u2029', '\u202e', '\ufeff', '\ufffd', '\ud800', '\udfff', 'e\u0301', '\u0301\u0301\u0301', '🤒', '👨‍👩‍👧', '发烧', '咳嗽', 'ﬁ', 'İ', 'ß', '½', '٣', '𝟑', '°', '℃', '…', '—', '"', "'", '`', '<', '>', '&', '\\', '%', '$', '{{', '}}', '/', '*'];

const text = (maxLength: number) => fc.oneof(
  fc.string({ maxLength }),
  fc.string({ unit: 'grapheme', maxLength }),
  fc.string({ unit: 'binary', maxLength }),
  fc.array(fc.constantFrom(...NASTY), { maxLength }).map((a) => a.join('')),
);

/** Any JSON value, including deep and wide ones, plus a few values JSON cannot carry. */
export const anyBody: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.jsonValue({ maxDepth: 6 }) },
  { weight: 2, arbitrary: fc.anything({ maxDepth: 4, withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withSparseArray: true, withTypedArray: true }) },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null, '', 0, -1, NaN, Infinity, [], {}, 'x'.repeat(10_000)) },
);

/** A value of any type: what a buggy client puts where a number, a string or an object was expected. */
const wrong = fc.oneof(fc.constant(undefined), fc.constant(null), fc.boolean(), fc.integer(), fc.double(), text(20), fc.array(fc.integer(), { maxLength: 3 }), fc.object({ maxDepth: 1 }));
const optional = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

/** Words a note is made of: the knowledge base's own phrases, negations and history cues, numbers with labels, punctuation. */
export function vocabulary(kb: KnowledgeBase): string[] {
  const phrases = [...kb.findings.values()].flatMap((f) => [f.label, ...f.synonyms.slice(0, 3), ...f.lay.slice(0, 2)]).slice(0, 1500);
  return [...phrases, 'no', 'not', 'denies', 'without', 'negative for', 'history of', 'hx', 'mother', 'father has', 'possible', '?', 'rule out',
    'if', 'since', 'for', 'x3d', '2/7', '3 days', 'yesterday', 'worse', 'severe', 'mild', 'left', 'R sided', 'T 38.6', 'T 101F', 'HR 120',
    'RR 44', 'BP 90/60', 'BP 200/', 'sats 88%', 'SpO2 100', 'glucose 400 mg/dL', '45yo F', '3 month old boy', '2yo', '0.5', '-1', '1e400',
    '999999999999999999999', '38,5', ',', '.', ';', ':', '(', ')', '-', '/', '\n', '  '];
}

export function note(kb: KnowledgeBase, maxWords = 60, minWords = 0): fc.Arbitrary<string> {
  const vocab = vocabulary(kb);
  return fc.array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...vocab) }, { weight: 1, arbitrary: text(12) }, { weight: 1, arbitrary: fc.constantFrom(...NASTY) }), { minLength: minWords, maxLength: maxWords, size: 'max' })
    .chain((parts) => fc.constantFrom(' ', '', ', ', '\n').map((sep) => parts.join(sep)));
}

/** Bodies shaped like a case (see DESIGN.md) whose fields are sometimes right, sometimes wrong-typed, out of range or too long. */
export function caseBody(kb: KnowledgeBase): fc.Arbitrary<unknown> {
  return fc.oneof(caseShaped(kb, false), caseShaped(kb, true));
}

function caseShaped(kb: KnowledgeBase, hostile: boolean): fc.Arbitrary<unknown> {
  const maybe = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<unknown> => (hostile ? fc.oneof({ weight: 3, arbitrary: a }, { weight: 1, arbitrary: wrong }) : a);
  const ids = [...kb.findings.keys()];
  const settings = kb.engine.settings.map((s) => s.id);
  const vital = (min: number, max: number) => (hostile ? maybe(fc.oneof(fc.double({ min: min - 10, max: max + 10, noNaN: true }), fc.integer({ min: Math.ceil(min), max: Math.floor(max) })))
    : fc.double({ min, max, noNaN: true }));
  return fc.record({
    patient: maybe(fc.record({
      age: hostile ? maybe(fc.oneof(fc.integer({ min: -5, max: 140 }), fc.double({ noNaN: true }))) : fc.integer({ min: 0, max: 130 }),
      ageMonths: optional(hostile ? maybe(fc.integer({ min: -5, max: 1600 })) : fc.integer({ min: 0, max: 1560 })),
      sex: hostile ? maybe(fc.constantFrom('female', 'male', 'F', 'other', '')) : fc.constantFrom('female', 'male'),
      pregnant: optional(maybe(fc.boolean())),
      ...(hostile ? { extra: optional(wrong) } : {}),
    }, { requiredKeys: ['age', 'sex'] })),
    text: hostile ? optional(maybe(fc.oneof(note(kb), text(200), fc.constant('x'.repeat(LIMITS.textChars)), fc.constant('y'.repeat(LIMITS.textChars + 1)))))
      : fc.oneof(note(kb), text(200), fc.constant('x'.repeat(LIMITS.textChars))),
    findings: hostile ? optional(maybe(fc.array(maybe(fc.record({ id: maybe(fc.oneof(fc.constantFrom(...ids), text(10))), status: maybe(fc.constantFrom('present', 'absent', 'possible', 'unknown', 'yes')) })), { maxLength: 8 })))
      : optional(fc.array(fc.record({ id: fc.constantFrom(...ids), status: fc.constantFrom('present', 'absent', 'possible', 'unknown') }), { maxLength: 8 })),
    vitals: optional(maybe(fc.record({
      temperatureC: optional(vital(25, 45)), heartRate: optional(vital(20, 300)), respiratoryRate: optional(vital(4, 120)),
      systolicBP: optional(vital(40, 300)), diastolicBP: optional(vital(20, 200)), spo2: optional(vital(40, 100)),
      glucoseMmol: optional(vital(0.5, 60)), weightKg: optional(vital(0.4, 350)), ...(hostile ? { pulse: optional(wrong) } : {}),
    }, { requiredKeys: [] }))),
    settings: optional(hostile ? maybe(fc.array(maybe(fc.constantFrom(...settings, 'moon', '')), { maxLength: 3 })) : fc.array(fc.constantFrom(...settings), { maxLength: 3 })),
    caseId: optional(hostile ? maybe(fc.oneof(fc.uuid(), text(36))) : fc.uuid()),
  }, { requiredKeys: ['patient', 'text'] });
}

/** A posted HTML form: every value a string or a repeated field (string array), as body-parser's urlencoded gives them. */
export function formBody(kb: KnowledgeBase): fc.Arbitrary<Record<string, unknown>> {
  const ids = [...kb.findings.keys()];
  const s = (a: fc.Arbitrary<string>) => fc.oneof({ weight: 4, arbitrary: a }, { weight: 1, arbitrary: fc.array(a, { maxLength: 3 }) }, { weight: 1, arbitrary: text(20) });
  const numeric = s(fc.oneof(fc.integer({ min: -10, max: 400 }).map(String), fc.double().map(String), fc.constantFrom('', ' ', '38,5', '1e3', '0x10', 'NaN', 'Infinity', '--1')));
  return fc.record({
    age: numeric, ageUnit: s(fc.constantFrom('years', 'months', 'days')), sex: s(fc.constantFrom('', 'female', 'male', 'x')),
    pregnant: s(fc.constantFrom('', 'yes', 'no', 'maybe')), temp: numeric, tempUnit: s(fc.constantFrom('C', 'F', 'K')), hr: numeric, rr: numeric,
    sbp: numeric, dbp: numeric, spo2: numeric, glucose: numeric, glucoseUnit: s(fc.constantFrom('mmol', 'mgdl', 'x')), weight: numeric,
    text: s(fc.oneof(note(kb, 30), text(100))), f: s(fc.constantFrom(...ids.slice(0, 50), 'made-up')), absent: s(fc.constantFrom(...ids.slice(0, 50), '')),
    setting: s(fc.constantFrom(...kb.engine.settings.map((x) => x.id), 'moon')), caseId: s(fc.oneof(fc.uuid(), fc.constant(''))),
    [`q.${ids[0]}`]: s(fc.constantFrom('yes', 'no', 'unknown', 'perhaps')), junk: wrong,
  }, { requiredKeys: [] }) as fc.Arbitrary<Record<string, unknown>>;
}

/**
 * fc.assert over a synchronous check, yielding to the event loop every few hundred cases so that vitest's worker stays
 * responsive during a 10,000-case run (a long synchronous loop starves its RPC and is reported as an error).
 */
export async function assertEach<T>(arb: fc.Arbitrary<T>, check: (value: T) => void, numRuns: number): Promise<void> {
  let n = 0;
  await fc.assert(fc.asyncProperty(arb, async (value) => {
    check(value);
    if (++n % 200 === 0) await new Promise((r) => setImmediate(r));
  }), { numRuns });
}
