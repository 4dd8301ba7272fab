// Property tests through HTTP (createApp on loopback): random, huge, deeply nested, wrong-typed, Unicode-heavy and malformed
// requests to the JSON API and the HTML form never get a 5xx or hang; bad input always gets a clear 4xx.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/web/intake.ts';
import { fixtureKb } from '../helpers.ts';
import { api, postForm, type Served, serveTestApp } from '../security/access.ts';
import { anyBody, caseBody, formBody, NASTY, RUNS } from './arbitraries.ts';

const kb = fixtureKb();
let s: Served;
beforeAll(async () => { s = await serveTestApp(); });
afterAll(async () => { await s?.close(); });

/** A 4xx answer from the API must be the contract's error shape with a message a person can act on. */
function expectClearApiError(res: { status: number; body: unknown; headers: Record<string, string> }) {
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  const e = (res.body as { error?: { code?: unknown; message?: unknown; issues?: unknown } }).error;
  expect(typeof e?.code).toBe('string');
  expect(typeof e?.message).toBe('string');
  expect((e!.message as string).length).toBeGreaterThan(0);
  expect(Array.isArray(e?.issues)).toBe(true);
}

const json = (v: unknown) => { try { return JSON.stringify(v) ?? 'null'; } catch { return 'null'; } };

describe('JSON API under random input', () => {
  it(`answers 201 or a clear 4xx to any JSON body (${RUNS.http} requests)`, async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(anyBody, caseBody(kb)), async (body) => {
      const res = await api(s).post('/api/v1/assessments').set('content-type', 'application/json').send(json(body));
      if (res.status === 201) expect(res.body.id).toEqual(expect.any(String));
      else expectClearApiError(res);
    }), { numRuns: RUNS.http });
  }, 120_000);

  it(`answers a clear 4xx to bytes that are not JSON (${Math.round(RUNS.http / 3)} requests)`, async () => {
    const garbage = fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 300 }), fc.array(fc.constantFrom(...NASTY, '{', '[', '"', ':', ','), { minLength: 1, maxLength: 50 }).map((a) => a.join('')));
    await fc.assert(fc.asyncProperty(garbage, async (raw) => {
      const res = await api(s).post('/api/v1/assessments').set('content-type', 'application/json').send(raw);
      // Not JSON → invalid_json; JSON that is not a case (a bare string, a byte-order mark alone) → invalid_input.
      expectClearApiError(res);
      expect(['invalid_json', 'invalid_input']).toContain(res.body.error.code);
    }), { numRuns: Math.round(RUNS.http / 3) });
  }, 120_000);

  it('answers 413 to a body over the limit and 400 to deep nesting, long strings and long lists', async () => {
    const base = { patient: { age: 40, sex: 'female' } };
    const big = await api(s).post('/api/v1/assessments').send({ ...base, text: 'x'.repeat(300_000) });
    expect(big.status).toBe(413);
    expectClearApiError(big);
    const deepArrays = `{"patient":{"age":40,"sex":"female"},"text":"cough","findings":${'['.repeat(40_000)}${']'.repeat(40_000)}}`;
    const deepObjects = `{"patient":${'{"a":'.repeat(15_000)}1${'}'.repeat(15_000)}}`;
    for (const raw of [deepArrays, deepObjects]) {
      const res = await api(s).post('/api/v1/assessments').set('content-type', 'application/json').send(raw);
      expectClearApiError(res);
    }
    const cases = [
      { ...base, text: 'y'.repeat(LIMITS.textChars + 1) },
      { ...base, findings: Array.from({ length: LIMITS.findings + 1 }, () => ({ id: 'fever', status: 'present' })) },
      { ...base, text: 'cough', settings: Array.from({ length: LIMITS.settings + 1 }, () => 'x') },
      { ...base, text: 'cough', findings: [{ id: 'f'.repeat(101), status: 'present' }] },
      { patient: { age: '40', sex: 'female' }, text: 'cough' }, { patient: [40, 'female'], text: 'cough' }, { patient: null, text: 'cough' },
      { ...base, text: 42 }, { ...base, text: ['cough'] }, { ...base, text: { note: 'cough' } }, { ...base, text: 'cough', vitals: [] },
      { ...base, text: 'cough', vitals: { spo2: '93' } }, { ...base, text: 'cough', vitals: { heartRate: 1e308 } }, { ...base, text: 'cough', caseId: "1' OR '1'='1" },
      [], 'cough', 42, null, true,
    ];
    for (const body of cases) expectClearApiError(await api(s).post('/api/v1/assessments').set('content-type', 'application/json').send(json(body)));
  }, 60_000);

  it('answers 201 to Unicode-heavy and control-character notes at the length limit', async () => {
    for (const piece of ['🤒 发烧 咳嗽 ', '\u0000\u0001\u001b[31m', 'e\u0301\u202e\u200b', 'fever\r\ncough\t', '\ud800 \udfff ', 'ﬁ İ ß ½ ٣ 𝟑 ℃ ']) {
      const text = `cough ${piece.repeat(Math.ceil(LIMITS.textChars / piece.length))}`.slice(0, LIMITS.textChars);
      const res = await api(s).post('/api/v1/assessments').send({ patient: { age: 40, sex: 'female' }, text });
      expect(res.status).toBe(201);
      const back = await api(s).get(`/api/v1/assessments/${res.body.id}`).expect(200);
      // JSON escapes even lone surrogates (\ud800), so the note comes back exactly as it was sent.
      expect(back.body.input.text).toBe(text);
    }
  }, 60_000);

  it(`answers 404 or 400, never 5xx, to any assessment id or path (${Math.round(RUNS.http / 3)} requests)`, async () => {
    const id = fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 80 }), fc.constantFrom("' OR 1=1 --", '%00', '%E0%A4%A', '..%2F..%2Fetc%2Fpasswd', '%', '😀', 'x'.repeat(3000)));
    await fc.assert(fc.asyncProperty(id, async (raw) => {
      const res = await api(s).get(`/api/v1/assessments/${encodeURIComponent(raw).replace(/%25/g, raw.includes('%') ? '%' : '%25')}`);
      expect([400, 404]).toContain(res.status);
    }), { numRuns: Math.round(RUNS.http / 3) });
  }, 120_000);

  it(`answers 201 or a clear 4xx to random answers to an assessment's questions (${Math.round(RUNS.http / 3)} requests)`, async () => {
    const created = await api(s).post('/api/v1/assessments').send({ patient: { age: 40, sex: 'female' }, text: 'fever and cough' }).expect(201);
    const ids = [...kb.findings.keys()];
    const body = fc.oneof(anyBody, fc.record({ answers: fc.array(fc.record({ findingId: fc.oneof(fc.constantFrom(...ids), fc.string()), answer: fc.constantFrom('yes', 'no', 'unknown', 'maybe') }), { maxLength: 5 }) }));
    await fc.assert(fc.asyncProperty(body, async (b) => {
      const res = await api(s).post(`/api/v1/assessments/${created.body.id}/answers`).set('content-type', 'application/json').send(json(b));
      if (res.status !== 201) expectClearApiError(res);
    }), { numRuns: Math.round(RUNS.http / 3) });
  }, 120_000);
});

describe('HTML form under random input', () => {
  it(`answers a redirect to the opinion or a 400 page with the form, never 5xx (${RUNS.http} posts)`, async () => {
    await fc.assert(fc.asyncProperty(formBody(kb), async (fields) => {
      const res = await postForm(s, '/assessments', fields);
      if (res.status === 303) expect(res.headers.location).toMatch(/^\/assessments\/[0-9a-f-]{36}$/);
      else {
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/text\/html/);
        expect(res.text).toContain('<form');
      }
    }), { numRuns: RUNS.http });
  }, 180_000);

  it('answers 4xx to a form over the body limit, with too many fields, or that is not urlencoded', async () => {
    const big = await postForm(s, '/assessments', { age: '40', sex: 'female', text: 'x'.repeat(300_000) });
    expect(big.status).toBe(413);
    const many = Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`k${i}`, 'v']));
    const tooMany = await postForm(s, '/assessments', { age: '40', sex: 'female', text: 'cough', ...many });
    expect(tooMany.status).toBeGreaterThanOrEqual(400);
    expect(tooMany.status).toBeLessThan(500);
    const raw = await postForm(s, '/assessments', '%%%&&&===\u0000%E0%A4%A');
    expect(raw.status).toBeGreaterThanOrEqual(400);
    expect(raw.status).toBeLessThan(500);
  }, 60_000);
});
