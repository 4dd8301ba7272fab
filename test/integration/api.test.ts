import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { apiToken, testDeps } from '../helpers.ts';

const body = {
  patient: { age: 45, sex: 'female', pregnant: false },
  text: '3 days of fever and productive cough, no chest pain',
  findings: [{ id: 'shortness-of-breath', status: 'present' }],
  vitals: { temperatureC: 38.6, heartRate: 104, respiratoryRate: 24, systolicBP: 118, diastolicBP: 76, spo2: 93 },
};

describe('JSON API', async () => {
  const logs: string[] = [];
  const deps = await testDeps(undefined, logs);
  const app = createApp(deps);
  const auth = apiToken(deps);
  const api = {
    get: (p: string) => request(app).get(p).set('authorization', auth),
    post: (p: string) => request(app).post(p).set('authorization', auth),
  };

  it('creates an assessment per the contract and reads it back', async () => {
    const res = await api.post('/api/v1/assessments').send(body).expect(201);
    const a = res.body;
    expect(res.headers.location).toBe(`/api/v1/assessments/${a.id}`);
    expect(a.findings).toEqual(expect.arrayContaining([
      expect.objectContaining({ id: 'cough-productive', status: 'present', source: 'text', span: [20, 36] }),
      expect.objectContaining({ id: 'chest-pain', status: 'absent', source: 'text' }),
      expect.objectContaining({ id: 'shortness-of-breath', status: 'present', source: 'structured' }),
      expect.objectContaining({ id: 'hypoxia', status: 'present', source: 'vitals' }),
    ]));
    expect(a.differential[0]).toMatchObject({ rank: 1, condition: { id: 'pneumonia', name: 'Pneumonia', icd10: 'J18.9' } });
    expect(a.differential[0].probability).toBeGreaterThan(0.5);
    expect(a.differential[0].supporting.length).toBeGreaterThan(0);
    expect(['emergency', 'urgent', 'routine', 'self-care']).toContain(a.triage.level);
    expect(a.triage.reasons.length).toBeGreaterThan(0);
    expect(a.redFlags).toEqual([expect.objectContaining({ id: 'hypoxia' })]);
    expect(a.triage.level).toBe('emergency');
    expect(a.questions[0]).toEqual(expect.objectContaining({ findingId: expect.any(String), text: expect.any(String) }));
    expect(a.provenance).toEqual({ app: 'test', knowledge: '0.0.1', model: 'fake-trigram-256' });
    const again = await api.get(`/api/v1/assessments/${a.id}`).expect(200);
    expect(again.body).toEqual(a);
  });

  it('answers 400 with field-level messages for bad input', async () => {
    const res = await api.post('/api/v1/assessments').send({ patient: { age: -3, sex: 'x' } }).expect(400);
    expect(res.body.error.code).toBe('invalid_input');
    const paths = res.body.error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(['patient.age', 'patient.sex']);
    const empty = await api.post('/api/v1/assessments').send({ patient: { age: 3, sex: 'male' } }).expect(400);
    expect(empty.body.error.issues).toEqual([{ path: 'text', message: 'give the free text or at least one finding' }]);
  });

  it('names unknown finding ids', async () => {
    const res = await api.post('/api/v1/assessments').send({ ...body, findings: [{ id: 'made-up', status: 'present' }] }).expect(400);
    expect(res.body.error.issues[0].message).toContain('made-up');
  });

  it('answers 400 for malformed JSON, 413 for a too-large body, 404 for an unknown id — never a stack trace', async () => {
    const bad = await api.post('/api/v1/assessments').set('content-type', 'application/json').send('{"patient":').expect(400);
    expect(bad.body.error.code).toBe('invalid_json');
    const big = await api.post('/api/v1/assessments').send({ ...body, text: 'x'.repeat(200_000) }).expect(413);
    expect(big.body.error.code).toBe('payload_too_large');
    const missing = await api.get('/api/v1/assessments/00000000-0000-4000-8000-000000000000').expect(404);
    expect(missing.body.error.code).toBe('not_found');
    expect(JSON.stringify([bad.body, big.body, missing.body])).not.toMatch(/at .*\.ts/);
  });

  it('reports the knowledge base and readiness', async () => {
    const k = await api.get('/api/v1/knowledge').expect(200);
    expect(k.body).toMatchObject({ version: '0.0.1', counts: { conditions: 5, findings: 19 } });
    const h = await request(app).get('/healthz').expect(200);
    expect(h.body).toMatchObject({ status: 'ready', checks: { knowledge: true, model: true, database: true } });
  });

  it('answers 503 from /healthz until the model is ready', async () => {
    const notReady = createApp({ ...deps, readiness: () => ({ knowledge: true, model: false, database: true }) });
    const h = await request(notReady).get('/healthz').expect(503);
    expect(h.body.status).toBe('starting');
  });

  it('never logs patient text', () => {
    const all = logs.join('\n');
    expect(all).toContain('assessment created');
    expect(all).not.toContain('productive cough');
  });
});
