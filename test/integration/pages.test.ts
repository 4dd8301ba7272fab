import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { openDb } from '../../src/storage/db.ts';
import { createStores } from '../../src/storage/stores.ts';
import { apiToken, loginAgent, tempDir, testDeps } from '../helpers.ts';

describe('symptom-entry page and opinion page', async () => {
  const dir = tempDir();
  const deps = await testDeps(dir);
  const app = createApp(deps);
  const { agent, csrf } = await loginAgent(app, deps, 'nurse');

  it('serves the entry form with the checklist, vitals with units and the decision-support notice', async () => {
    const res = await agent.get('/').expect(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toContain('<form method="post" action="/assessments"');
    expect(res.text).toContain('name="f" value="cough"');
    expect(res.text).toContain('mmHg');
    expect(res.text).toContain('Decision support, not a diagnosis');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('stores a submitted case and shows the opinion with highlights, differential, triage, questions and provenance', async () => {
    const post = await agent.post('/assessments').type('form')
      .send({ _csrf: csrf, age: '30', ageUnit: 'years', sex: 'male', text: 'productive cough and fever, no chest pain <b>x</b>', temp: '101.5', tempUnit: 'F', f: ['shortness-of-breath'] })
      .expect(303);
    const url = post.headers.location;
    expect(url).toMatch(/^\/assessments\/[0-9a-f-]{36}$/);
    const page = await agent.get(url).expect(200);
    expect(page.text).toContain('<mark class="f-present" title="Productive cough: present">productive cough</mark>');
    expect(page.text).toContain('<mark class="f-absent" title="Chest pain: absent">chest pain</mark>');
    expect(page.text).toContain('Pneumonia');
    expect(page.text).toMatch(/Triage: <span class="level">(EMERGENCY|URGENT|ROUTINE|SELF-CARE)<\/span>/);
    expect(page.text).toContain('Next questions worth asking');
    expect(page.text).toContain('knowledge 0.0.1');
    expect(page.text).toContain('Decision support, not a diagnosis');
    // What the user typed is escaped, never interpreted.
    expect(page.text).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(page.text).not.toContain('<b>x</b>');
  });

  it('keeps what was typed and says what is wrong when the form is invalid', async () => {
    const res = await agent.post('/assessments').type('form').send({ _csrf: csrf, age: 'abc', text: 'cough for 2 days', hr: '900' }).expect(400);
    expect(res.text).toContain('Age: &quot;abc&quot; is not a number');
    expect(res.text).toContain('Heart rate must be at most 300');
    expect(res.text).toContain('cough for 2 days</textarea>');
    expect(res.text).toContain('value="900"');
  });

  it('asks for a note or a finding when both are empty', async () => {
    const res = await agent.post('/assessments').type('form').send({ _csrf: csrf, age: '30' }).expect(400);
    expect(res.text).toContain('Describe the problem');
  });

  it('shows a 404 page for an unknown assessment', async () => {
    const res = await agent.get('/assessments/nope').expect(404);
    expect(res.text).toContain('was not found');
  });

  it('keeps every assessment across a restart', async () => {
    const auth = apiToken(deps);
    const created = await request(app).post('/api/v1/assessments').set('authorization', auth).send({ patient: { age: 4, sex: 'male' }, text: 'fever and stiff neck' }).expect(201);
    deps.db.close();
    const db = openDb(dir);
    const restarted = createApp({ ...deps, ...createStores(db), readiness: () => ({ knowledge: true, model: true, database: db.open }) });
    const res = await request(restarted).get(`/api/v1/assessments/${created.body.id}`).set('authorization', auth).expect(200);
    expect(res.body).toEqual(created.body);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
