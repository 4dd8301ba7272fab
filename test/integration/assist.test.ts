import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { apiToken, loginAgent, testDeps } from '../helpers.ts';

describe('entry page helpers: finding search and note parsing', async () => {
  const deps = await testDeps();
  const app = createApp(deps);
  const { agent, csrf } = await loginAgent(app, deps, 'nurse');

  it('finds findings by a typed prefix for a signed-in browser or an API token, and refuses anyone else', async () => {
    const res = await agent.get('/api/v1/findings?q=cou').expect(200);
    expect(res.body.findings.map((f: { id: string }) => f.id)).toContain('cough');
    await request(app).get('/api/v1/findings?q=cou').set('authorization', apiToken(deps)).expect(200);
    await request(app).get('/api/v1/findings?q=cou').expect(401);
    expect((await agent.get('/api/v1/findings?q=').expect(200)).body.findings).toEqual([]);
  });

  it('marks "no chest pain" as absent and "cough" as present, with spans into the text', async () => {
    const text = 'cough for 3 days, no chest pain';
    const res = await agent.post('/api/v1/parse').set('x-csrf-token', csrf).send({ text }).expect(200);
    const byId = new Map(res.body.mentions.map((m: { findingId: string }) => [m.findingId, m]));
    expect(byId.get('cough')).toMatchObject({ status: 'present', label: 'Cough' });
    const cp = byId.get('chest-pain') as { status: string; span: [number, number] };
    expect(cp.status).toBe('absent');
    expect(text.slice(cp.span[0], cp.span[1])).toBe('chest pain');
  });

  it('needs the CSRF header for a browser post, and checks the body', async () => {
    await agent.post('/api/v1/parse').send({ text: 'cough' }).expect(403);
    await agent.post('/api/v1/parse').set('x-csrf-token', csrf).send({ text: 'x'.repeat(5001) }).expect(400);
    await request(app).post('/api/v1/parse').set('authorization', apiToken(deps)).send({ text: 'fever' }).expect(200);
  });

  it('takes "absent" ticks from the quick-pick list and keeps them when the form comes back', async () => {
    const bad = await agent.post('/assessments').type('form').send({ _csrf: csrf, age: 'abc', f: 'cough', absent: 'fever' }).expect(400);
    expect(bad.text).toContain('name="absent" value="fever" checked');
    expect(bad.text).toContain('name="f" value="cough" checked');
    const ok = await agent.post('/assessments').type('form').send({ _csrf: csrf, age: '30', sex: 'female', f: 'cough', absent: 'fever' }).expect(303);
    const api = await request(app).get(`/api/v1/assessments/${ok.headers.location.split('/').pop()}`).set('authorization', apiToken(deps)).expect(200);
    expect(api.body.input.findings).toEqual(expect.arrayContaining([{ id: 'cough', status: 'present' }, { id: 'fever', status: 'absent' }]));
  });

  it('marks abnormal vital signs on the opinion in words', async () => {
    const ok = await agent.post('/assessments').type('form').send({ _csrf: csrf, age: '30', sex: 'female', text: 'cough', temp: '39.2', hr: '80' }).expect(303);
    const page = await agent.get(ok.headers.location).expect(200);
    expect(page.text).toMatch(/<li class="abn"><span class="v-name">Temperature<\/span> <strong>39.2 °C<\/strong>\s*<span class="v-flag">/);
    expect(page.text).toContain('outside the usual range');
  });
});
