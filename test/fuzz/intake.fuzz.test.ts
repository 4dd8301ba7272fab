// Property tests of the intake edge: whatever arrives as JSON or a form post, toCaseInput and formToCase either accept it or
// throw a ValidationError (400 with issues a person can read) — never another error, never a hang.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.ts';
import { formToCase } from '../../src/web/form.ts';
import { LIMITS, toCaseInput } from '../../src/web/intake.ts';
import { fixtureKb } from '../helpers.ts';
import { anyBody, assertEach, caseBody, formBody, RUNS } from './arbitraries.ts';

const kb = fixtureKb();

/** Runs fn and checks the only failure is a ValidationError with readable issues. */
function acceptsOrRejectsCleanly(fn: () => unknown): 'ok' | 'rejected' {
  try {
    fn();
    return 'ok';
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    const v = e as ValidationError;
    expect(v.status).toBe(400);
    expect(v.issues.length).toBeGreaterThan(0);
    for (const i of v.issues) { expect(typeof i.path).toBe('string'); expect(typeof i.message).toBe('string'); expect(i.message.length).toBeGreaterThan(0); }
    return 'rejected';
  }
}

describe('intake schema (toCaseInput) under random input', () => {
  it(`accepts or rejects with a ValidationError any JSON value (${RUNS.pure} cases)`, async () => {
    await assertEach(anyBody, (body) => { acceptsOrRejectsCleanly(() => toCaseInput(body, kb)); }, RUNS.pure);
  });

  it(`accepts or rejects with a ValidationError case-shaped bodies with wrong-typed, huge and Unicode fields (${RUNS.pure} cases)`, async () => {
    let ok = 0;
    await assertEach(caseBody(kb), (body) => { if (acceptsOrRejectsCleanly(() => toCaseInput(body, kb)) === 'ok') ok++; }, RUNS.pure);
    // The generator is meant to reach the accepting path too, not only the validation errors.
    expect(ok).toBeGreaterThan(RUNS.pure / 20);
  });

  it('keeps what it accepts within the documented limits', () => {
    fc.assert(fc.property(caseBody(kb), (body) => {
      let out;
      try { out = toCaseInput(body, kb); } catch { return; }
      expect(out.input.text.length).toBeLessThanOrEqual(LIMITS.textChars);
      expect(out.input.findings.length).toBeLessThanOrEqual(LIMITS.findings);
      expect(out.input.settings.length).toBeLessThanOrEqual(LIMITS.settings);
      expect(out.input.patient.age).toBeGreaterThanOrEqual(0);
      expect(out.input.patient.age).toBeLessThanOrEqual(130);
      for (const f of out.input.findings) expect(kb.findings.has(f.id)).toBe(true);
    }), { numRuns: Math.round(RUNS.pure / 5) });
  });

  it('rejects deeply nested and oversized values with a ValidationError', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 5000; i++) deep = { patient: deep };
    const arrays = JSON.parse(`${'['.repeat(5000)}${']'.repeat(5000)}`);
    for (const body of [deep, arrays, { patient: deep }, { patient: { age: 40, sex: 'female' }, text: deep }, { patient: { age: 40, sex: 'female' }, findings: arrays },
      { patient: { age: 40, sex: 'female' }, text: 'x'.repeat(LIMITS.textChars + 1) },
      { patient: { age: 40, sex: 'female' }, findings: Array.from({ length: LIMITS.findings + 1 }, () => ({ id: 'fever', status: 'present' })) },
      { patient: { age: 40, sex: 'female' }, settings: Array.from({ length: LIMITS.settings + 1 }, () => 'clinic') },
      { patient: { age: 40, sex: 'female', ['x'.repeat(100_000)]: 1 }, text: 'cough' },
      { patient: { age: 40, sex: 'female' }, text: 'cough', __proto__: { polluted: true } },
      JSON.parse('{"patient":{"age":40,"sex":"female"},"text":"cough","__proto__":{"polluted":true}}'),
      { patient: { age: Number.NaN, sex: 'female' }, text: 'cough' }, { patient: { age: Infinity, sex: 'female' }, text: 'cough' },
      { patient: { age: 40n, sex: 'female' }, text: 'cough' }, { patient: { age: 40, sex: 'female' }, text: 'cough', vitals: { spo2: -0 - 1e308 } }]) {
      expect(acceptsOrRejectsCleanly(() => toCaseInput(body, kb))).toBe('rejected');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('form schema (formToCase) under random input', () => {
  it(`accepts or rejects with a ValidationError any posted form (${RUNS.pure} cases)`, async () => {
    await assertEach(formBody(kb), (body) => { acceptsOrRejectsCleanly(() => formToCase(body, kb)); }, RUNS.pure);
  });

  it(`accepts or rejects with a ValidationError any JSON value as a form body (${Math.round(RUNS.pure / 5)} cases)`, () => {
    fc.assert(fc.property(anyBody, (body) => { acceptsOrRejectsCleanly(() => formToCase(body, kb)); }), { numRuns: Math.round(RUNS.pure / 5) });
  });
});
