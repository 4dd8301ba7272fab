import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { apiToken, csrfOf, loginAgent, testDeps } from '../helpers.ts';

describe('audit trail of the web app', async () => {
  it('records logins, views, creation, reviews, exports and token changes with who and which object — never patient text', async () => {
    const deps = await testDeps();
    const app = createApp(deps);
    const auth = apiToken(deps, 'emr');
    const a = (await request(app).post('/api/v1/assessments').set('authorization', auth).send({ patient: { age: 30, sex: 'male' }, text: 'secret words fever', reference: 'MRN-9' }).expect(201)).body;
    await request(app).get(`/api/v1/assessments/${a.id}`).set('authorization', auth).expect(200);
    await request(app).get(`/api/v1/cases/${a.caseId}/fhir`).set('authorization', auth).expect(200);
    const { agent, csrf, user } = await loginAgent(app, deps, 'admin', 'root');
    await agent.get(`/assessments/${a.id}`).expect(200);
    await agent.post(`/assessments/${a.id}/review`).type('form').send({ _csrf: csrf, choice: 'cond:pneumonia', disposition: 'self-care' }).expect(303);
    await agent.get(`/assessments/${a.id}/letter`).expect(200);
    await agent.get(`/cases/${a.caseId}.csv`).expect(200);
    await agent.post('/admin/tokens').type('form').send({ _csrf: csrf, name: 'other' }).expect(201);
    await agent.post('/logout').type('form').send({ _csrf: csrf }).expect(303);
    const bad = request.agent(app);
    const badCsrf = csrfOf((await bad.get('/login')).text);
    await bad.post('/login').type('form').send({ username: 'root', password: 'wrong password', _csrf: badCsrf }).expect(401);

    const rows = deps.audit.recent(100).reverse().map((r) => [r.actor, r.action, r.objectId]);
    expect(rows).toEqual(expect.arrayContaining([
      ['token:emr', 'assessment.create', a.id], ['token:emr', 'assessment.view', a.id], ['token:emr', 'export.fhir', a.caseId],
      ['user:root', 'login', user.id], ['user:root', 'assessment.view', a.id], ['user:root', 'review.create', expect.any(String)],
      ['user:root', 'export.letter', a.id], ['user:root', 'export.csv', a.caseId], ['user:root', 'token.create', expect.any(String)],
      ['user:root', 'logout', user.id], ['user:root', 'login.failed', user.id],
    ]));
    expect(JSON.stringify(deps.db.prepare('SELECT * FROM audit').all())).not.toMatch(/secret words|MRN-9/);
    expect(deps.audit.verify()).toMatchObject({ ok: true });
  });
});
