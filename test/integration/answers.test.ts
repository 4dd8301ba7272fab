import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { apiToken, loginAgent, testDeps } from '../helpers.ts';

describe('answering the suggested questions', async () => {
  const deps = await testDeps();
  const app = createApp(deps);
  const auth = apiToken(deps);
  const api = {
    get: (p: string) => request(app).get(p).set('authorization', auth),
    post: (p: string) => request(app).post(p).set('authorization', auth),
  };
  const nurse = await loginAgent(app, deps, 'nurse');
  const first = (await api.post('/api/v1/assessments').send({ patient: { age: 30, sex: 'male' }, text: 'fever and headache' }).expect(201)).body;

  it('makes a new version of the same case and leaves the first opinion unchanged', async () => {
    const res = await api.post(`/api/v1/assessments/${first.id}/answers`)
      .send({ answers: [{ findingId: 'neck-stiffness', answer: 'yes' }, { findingId: 'runny-nose', answer: 'no' }] }).expect(201);
    expect(res.body).toMatchObject({ caseId: first.caseId, version: 2 });
    expect(res.body.findings).toEqual(expect.arrayContaining([
      expect.objectContaining({ id: 'neck-stiffness', status: 'present', source: 'structured' }),
      expect.objectContaining({ id: 'runny-nose', status: 'absent', source: 'structured' }),
    ]));
    expect(res.body.differential[0].condition.id).toBe('meningitis');
    expect(res.body.triage.level).toBe('emergency');
    const again = await api.get(`/api/v1/assessments/${first.id}`).expect(200);
    expect(again.body).toEqual(first);
  });

  it('rejects unknown findings and bad answers with a 400', async () => {
    const res = await api.post(`/api/v1/assessments/${first.id}/answers`).send({ answers: [{ findingId: 'nope', answer: 'maybe' }] }).expect(400);
    expect(res.body.error.issues.length).toBeGreaterThan(0);
    await api.post('/api/v1/assessments/00000000-0000-4000-8000-000000000000/answers').send({ answers: [{ findingId: 'cough', answer: 'yes' }] }).expect(404);
  });

  it('takes answers from the opinion page without JavaScript', async () => {
    const page = await nurse.agent.get(`/assessments/${first.id}`).expect(200);
    expect(page.text).toContain(`action="/assessments/${first.id}/answers"`);
    const name = page.text.match(/name="(q\.[a-z0-9-]+)" value="yes"/)![1];
    const post = await nurse.agent.post(`/assessments/${first.id}/answers`).type('form').send({ [name]: 'yes', _csrf: nurse.csrf }).expect(303);
    const next = await nurse.agent.get(post.headers.location).expect(200);
    expect(next.text).toMatch(/assessment \d of case/);
  });
});
