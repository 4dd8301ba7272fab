import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import type { Role } from '../../src/auth/roles.ts';
import { apiToken, loginAgent, testDeps } from '../helpers.ts';

describe('permissions per role', async () => {
  const deps = await testDeps();
  const app = createApp(deps);
  const created = await request(app).post('/api/v1/assessments').set('authorization', apiToken(deps)).send({ patient: { age: 30, sex: 'male' }, text: 'fever and cough' }).expect(201);
  const id = created.body.id as string;
  const caseId = created.body.caseId as string;
  const review = (csrf: string) => ({ choice: 'cond:pneumonia', disposition: 'treat-follow-up', note: '', _csrf: csrf });

  const expected: Record<Role, { assess: number; view: number; review: number; admin: number }> = {
    nurse: { assess: 303, view: 200, review: 403, admin: 403 },
    clinician: { assess: 303, view: 200, review: 303, admin: 403 },
    admin: { assess: 303, view: 200, review: 303, admin: 200 },
  };

  for (const role of Object.keys(expected) as Role[]) {
    it(`${role}: assess ${expected[role].assess}, view ${expected[role].view}, review ${expected[role].review}, admin pages ${expected[role].admin}`, async () => {
      const { agent, csrf } = await loginAgent(app, deps, role);
      const e = expected[role];
      await agent.post('/assessments').type('form').send({ age: '30', sex: 'male', text: 'cough', _csrf: csrf }).expect(e.assess);
      await agent.get(`/assessments/${id}`).expect(e.view);
      await agent.get('/cases').expect(e.view);
      await agent.get(`/assessments/${id}/letter`).expect(e.view);
      await agent.get(`/cases/${caseId}.csv`).expect(e.view);
      await agent.post(`/assessments/${id}/review`).type('form').send(review(csrf)).expect(e.review);
      for (const p of ['/admin/users', '/admin/tokens', '/admin/learning']) await agent.get(p).expect(e.admin);
      await agent.post('/admin/tokens').type('form').send({ name: `t-${role}`, _csrf: csrf }).expect(e.admin === 200 ? 201 : 403);
      await agent.post('/admin/users').type('form').send({ username: `new-${role}`, role: 'nurse', password: 'long enough password', _csrf: csrf }).expect(e.admin === 200 ? 303 : 403);
    });
  }

  it('shows the review form only to those who may review, and admin links only to admins', async () => {
    const nurse = await loginAgent(app, deps, 'nurse');
    const page = (await nurse.agent.get(`/assessments/${id}`).expect(200)).text;
    expect(page).not.toContain(`action="/assessments/${id}/review"`);
    expect(page).not.toContain('href="/admin/users"');
    const clin = await loginAgent(app, deps, 'clinician');
    expect((await clin.agent.get(`/assessments/${id}`).expect(200)).text).toContain(`action="/assessments/${id}/review"`);
  });

  it('lets an admin add users, with the password rules and unique names', async () => {
    const { agent, csrf } = await loginAgent(app, deps, 'admin');
    await agent.post('/admin/users').type('form').send({ username: 'nurse.amy', role: 'nurse', password: 'long enough password', _csrf: csrf }).expect(303);
    expect(deps.users.byName('nurse.amy')!.role).toBe('nurse');
    const short = await agent.post('/admin/users').type('form').send({ username: 'nurse.bob', role: 'nurse', password: 'short', _csrf: csrf }).expect(400);
    expect(short.text).toContain('at least 10 characters');
    const dup = await agent.post('/admin/users').type('form').send({ username: 'NURSE.AMY', role: 'nurse', password: 'long enough password', _csrf: csrf }).expect(409);
    expect(dup.text).toContain('already exists');
  });
});
