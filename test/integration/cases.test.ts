import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { apiToken, loginAgent, testDeps } from '../helpers.ts';

describe('case list page', async () => {
  const deps = await testDeps();
  const app = createApp(deps);
  const auth = apiToken(deps);
  const make = (text: string, reference?: string) => request(app).post('/api/v1/assessments').set('authorization', auth).send({ patient: { age: 30, sex: 'male' }, text, reference }).expect(201);
  const a = (await make('fever and productive cough', 'MRN-100')).body;
  const b = (await make('fever and stiff neck', 'MRN-200')).body;
  await make('runny nose');
  const { agent, csrf } = await loginAgent(app, deps, 'clinician');

  it('takes the clinic reference on the entry form', async () => {
    const post = await agent.post('/assessments').type('form').send({ _csrf: csrf, age: '5', sex: 'female', text: 'cough', reference: 'MRN-300' }).expect(303);
    const page = await agent.get(post.headers.location).expect(200);
    expect(page.text).toContain('reference <strong>MRN-300</strong>');
  });

  it('lists cases newest first and filters by reference, triage, top diagnosis, reviewed and dates', async () => {
    const all = (await agent.get('/cases').expect(200)).text;
    expect(all.indexOf('MRN-300')).toBeLessThan(all.indexOf('MRN-100'));
    expect((await agent.get('/cases?ref=mrn-1').expect(200)).text).toContain(`/assessments/${a.id}`);
    expect((await agent.get('/cases?ref=mrn-1').expect(200)).text).not.toContain(`/assessments/${b.id}`);
    const emergency = (await agent.get('/cases?triage=emergency').expect(200)).text;
    expect(emergency).toContain(`/assessments/${b.id}`);
    expect(emergency).not.toContain(`/assessments/${a.id}`);
    expect((await agent.get('/cases?dx=pneumo').expect(200)).text).toContain(`/assessments/${a.id}`);
    await agent.post(`/assessments/${a.id}/review`).type('form').send({ _csrf: csrf, choice: 'cond:pneumonia', disposition: 'self-care' }).expect(303);
    const reviewed = (await agent.get('/cases?reviewed=yes').expect(200)).text;
    expect(reviewed).toContain(`/assessments/${a.id}`);
    expect(reviewed).not.toContain(`/assessments/${b.id}`);
    expect((await agent.get('/cases?reviewed=no').expect(200)).text).not.toContain(`/assessments/${a.id}`);
    const today = new Date().toISOString().slice(0, 10);
    expect((await agent.get(`/cases?from=${today}&to=${today}`).expect(200)).text).toContain(`/assessments/${a.id}`);
    expect((await agent.get('/cases?to=2000-01-01').expect(200)).text).toContain('No cases match.');
    await agent.get('/cases?from=yesterday').expect(400);
  });

  it('links to the newest version of each case', async () => {
    const v2 = (await request(app).post(`/api/v1/assessments/${b.id}/answers`).set('authorization', auth).send({ answers: [{ findingId: 'cough', answer: 'no' }] }).expect(201)).body;
    const page = (await agent.get('/cases?ref=MRN-200').expect(200)).text;
    expect(page).toContain(`/assessments/${v2.id}`);
  });

  it('pages with an "older" link that carries the filters', async () => {
    for (let i = 0; i < 51; i++) await make('cough', `P-${i}`);
    const first = (await agent.get('/cases?ref=P-').expect(200)).text;
    const next = /href="([^"]+)" rel="next"/.exec(first)![1].replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
    expect(next).toContain('ref=P-');
    const second = (await agent.get(next).expect(200)).text;
    expect((second.match(/<tr><td>/g) ?? []).length).toBe(1);
    expect(second).not.toContain('rel="next"');
  });
});
