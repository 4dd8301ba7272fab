// No patient text in the logs: a marker put in every patient field of valid, invalid, malformed and oversized requests never
// appears in what the logger writes (JSON lines of ids, counts and timings only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createApp } from '../../src/app.ts';
import { apiToken, testDeps } from '../helpers.ts';
import { api, postForm, type Served, serveTestApp } from './access.ts';

let s: Served;
beforeAll(async () => { s = await serveTestApp(); });
afterAll(async () => { await s?.close(); });

const MARKER = 'ZQXJ-PATIENT-MARKER-7731';

describe('logs', () => {
  it('never hold patient text from the API, whatever the request', async () => {
    const patient = { age: 40, sex: 'female' };
    const text = `fever and cough, ${MARKER}, no chest pain`;
    const created = await api(s).post('/api/v1/assessments').send({ patient, text }).expect(201);
    await api(s).post(`/api/v1/assessments/${created.body.id}/answers`).send({ answers: [{ findingId: 'fever', answer: 'yes' }] }).expect(201);
    await api(s).post(`/api/v1/assessments/${created.body.id}/answers`).send({ answers: [{ findingId: MARKER, answer: 'yes' }] }).expect(400);
    await api(s).post('/api/v1/assessments').send({ patient: { age: MARKER, sex: MARKER }, text }).expect(400);
    await api(s).post('/api/v1/assessments').send({ patient, text, findings: [{ id: MARKER, status: 'present' }], settings: [MARKER] }).expect(400);
    await api(s).post('/api/v1/assessments').send({ patient, text: `${MARKER} `.repeat(1000) }).expect(400);
    await api(s).post('/api/v1/assessments').set('content-type', 'application/json').send(`{"patient":{"age":40},"text":"${MARKER}`).expect(400);
    await api(s).post('/api/v1/assessments').send({ patient, text: `${MARKER} `.repeat(20_000) }).expect(413);
    await api(s).post('/api/v1/assessments').set('authorization', `Bearer ${MARKER}`).send({ patient, text }).expect(401);
    const logs = s.logs.join('\n');
    expect(logs).toContain('assessment created');
    expect(logs).not.toContain(MARKER);
    expect(logs).not.toContain('fever and cough');
  });

  it('never hold patient text from the form, valid or rejected', async () => {
    const before = s.logs.length;
    expect((await postForm(s, '/assessments', { age: '40', sex: 'female', text: `fever ${MARKER}` })).status).toBe(303);
    expect((await postForm(s, '/assessments', { age: MARKER, sex: 'female', text: `fever ${MARKER}`, temp: MARKER, f: MARKER })).status).toBe(400);
    expect((await postForm(s, '/assessments', { age: '40', sex: 'female', text: `${MARKER} `.repeat(20_000) })).status).toBe(413);
    const logs = s.logs.slice(before).join('\n');
    expect(logs).toContain('assessment created');
    expect(logs).not.toContain(MARKER);
  });

  it('never hold patient text when the pipeline throws an error that quotes the note', async () => {
    const logs: string[] = [];
    const deps = await testDeps(undefined, logs);
    const app = createApp({ ...deps, assess: async (input) => { throw new TypeError(`cannot read ${input.text}`); } });
    const res = await request(app).post('/api/v1/assessments').set('authorization', apiToken(deps))
      .send({ patient: { age: 40, sex: 'female' }, text: `fever ${MARKER}` }).expect(500);
    expect(JSON.stringify(res.body)).not.toContain(MARKER);
    expect(logs.join('\n')).toContain('request failed');
    expect(logs.join('\n')).not.toContain(MARKER);
  });
});
