import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { sha256 } from '../../src/auth/secrets.ts';
import { apiToken, loginAgent, testDeps } from '../helpers.ts';

const body = { patient: { age: 30, sex: 'male' }, text: 'fever and cough' };

describe('API tokens', async () => {
  const deps = await testDeps();
  const app = createApp(deps);

  it('answers 401 JSON without a token, with a wrong one, or with a revoked one', async () => {
    const none = await request(app).post('/api/v1/assessments').send(body).expect(401);
    expect(none.body.error.code).toBe('unauthorized');
    expect(none.headers['www-authenticate']).toBe('Bearer');
    await request(app).get('/api/v1/knowledge').set('authorization', 'Bearer bf_not-a-token').expect(401);
    await request(app).get('/api/v1/knowledge').set('authorization', 'Basic abc').expect(401);
    const auth = apiToken(deps, 'to-revoke');
    await request(app).get('/api/v1/knowledge').set('authorization', auth).expect(200);
    deps.tokens.revoke('to-revoke');
    await request(app).get('/api/v1/knowledge').set('authorization', auth).expect(401);
  });

  it('stores only the sha256 of a token', () => {
    const auth = apiToken(deps, 'hashed');
    const secret = auth.slice('Bearer '.length);
    const row = deps.db.prepare("SELECT token_hash FROM api_tokens WHERE name = 'hashed'").get() as { token_hash: string };
    expect(row.token_hash).toBe(sha256(secret));
    expect(JSON.stringify(deps.db.prepare('SELECT * FROM api_tokens').all())).not.toContain(secret);
  });

  it('limits each token per minute with 429 and Retry-After, other tokens unaffected', async () => {
    const d = await testDeps(undefined, [], { apiPerMinute: 3 });
    const a = createApp(d);
    const t1 = apiToken(d); const t2 = apiToken(d);
    for (let i = 0; i < 3; i++) await request(a).get('/api/v1/knowledge').set('authorization', t1).expect(200);
    const limited = await request(a).get('/api/v1/knowledge').set('authorization', t1).expect(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await request(a).get('/api/v1/knowledge').set('authorization', t2).expect(200);
    d.tick(60_000);
    await request(a).get('/api/v1/knowledge').set('authorization', t1).expect(200);
  });

  it('are issued by an admin on /admin/tokens (shown once) and revoked there', async () => {
    const { agent, csrf } = await loginAgent(app, deps, 'admin');
    const made = await agent.post('/admin/tokens').type('form').send({ name: 'lab system', _csrf: csrf }).expect(201);
    const token = /<p class="token">([^<]+)<\/p>/.exec(made.text)![1];
    await request(app).get('/api/v1/knowledge').set('authorization', `Bearer ${token}`).expect(200);
    const list = await agent.get('/admin/tokens').expect(200);
    expect(list.text).toContain('lab system');
    expect(list.text).not.toContain(token);
    const dup = await agent.post('/admin/tokens').type('form').send({ name: 'lab system', _csrf: csrf }).expect(409);
    expect(dup.text).toContain('already exists');
    await agent.post('/admin/tokens/revoke').type('form').send({ name: 'lab system', _csrf: csrf }).expect(303);
    await request(app).get('/api/v1/knowledge').set('authorization', `Bearer ${token}`).expect(401);
    const actions = deps.audit.recent(50).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['token.create', 'token.revoke']));
  });
});
