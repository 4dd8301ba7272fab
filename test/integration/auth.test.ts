import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { addUser, csrfOf, loginAgent, TEST_PASSWORD, testDeps } from '../helpers.ts';

const cookieHeader = (res: request.Response) => ([] as string[]).concat(res.headers['set-cookie'] ?? []);

describe('sign-in and sessions', async () => {
  const deps = await testDeps();
  const app = createApp(deps);

  it('opens only /login, /setup, /healthz and /static without a session; pages redirect to the login, the API answers 401', async () => {
    await request(app).get('/healthz').expect(200);
    await request(app).get('/static/app.css').expect(200);
    await request(app).get('/login').expect(200);
    for (const p of ['/', '/cases', '/admin/users', '/admin/learning', '/assessments/x', '/assessments/x/letter', '/cases/x.csv']) {
      const res = await request(app).get(p).expect(303);
      expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(p)}`);
    }
    const api = await request(app).get('/api/v1/knowledge').expect(401);
    expect(api.body.error.code).toBe('unauthorized');
  });

  it('signs in with the right password into an http-only, SameSite=Lax session cookie, and returns to the page asked for', async () => {
    const u = await addUser(deps, 'nurse');
    const agent = request.agent(app);
    const form = await agent.get('/login?next=/cases').expect(200);
    expect(form.text).toContain('name="_csrf"');
    const res = await agent.post('/login').type('form').send({ username: u.username, password: TEST_PASSWORD, next: '/cases', _csrf: csrfOf(form.text) }).expect(303);
    expect(res.headers.location).toBe('/cases');
    const session = cookieHeader(res).find((c) => c.startsWith('bf_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).not.toMatch(/Secure/);
    expect(session).toMatch(/Expires=/);
    await agent.get('/cases').expect(200);
    // The stored session id is a hash, never the cookie's value.
    const raw = decodeURIComponent(session.split(';')[0].split('=')[1]);
    expect(deps.db.prepare('SELECT COUNT(*) AS n FROM sessions WHERE id_hash = ?').get(raw)).toEqual({ n: 0 });
  });

  it('never sends a sign-in to another site', async () => {
    const u = await addUser(deps, 'nurse');
    const agent = request.agent(app);
    const form = await agent.get('/login').expect(200);
    const res = await agent.post('/login').type('form').send({ username: u.username, password: TEST_PASSWORD, next: '//evil.example/x', _csrf: csrfOf(form.text) }).expect(303);
    expect(res.headers.location).toBe('/');
  });

  it('marks cookies Secure when the config says so', async () => {
    const secure = createApp({ ...deps, security: { ...deps.security, cookieSecure: true } });
    const res = await request(secure).get('/login').expect(200);
    expect(cookieHeader(res).find((c) => c.startsWith('bf_pre='))).toMatch(/Secure/);
  });

  it('rejects a wrong password with the same message as an unknown user', async () => {
    const u = await addUser(deps, 'nurse');
    const agent = request.agent(app);
    const form = await agent.get('/login').expect(200);
    const a = await agent.post('/login').type('form').send({ username: u.username, password: 'wrong password', _csrf: csrfOf(form.text) }).expect(401);
    const b = await agent.post('/login').type('form').send({ username: 'nobody-here', password: 'wrong password', _csrf: csrfOf(form.text) }).expect(401);
    expect(a.text).toContain('Wrong username or password.');
    expect(b.text).toContain('Wrong username or password.');
    expect(b.text).toContain('value="nobody-here"');
  });

  it('signs out: the session is deleted and the cookie no longer opens pages', async () => {
    const { agent, csrf } = await loginAgent(app, deps, 'clinician');
    await agent.post('/logout').type('form').send({ _csrf: csrf }).expect(303);
    await agent.get('/cases').expect(303);
  });

  it('ends a session at its expiry', async () => {
    const d = await testDeps();
    const a = createApp(d);
    const { agent } = await loginAgent(a, d, 'nurse');
    d.tick(13 * 3_600_000);
    await agent.get('/cases').expect(303);
  });
});

describe('CSRF', async () => {
  const deps = await testDeps();
  const app = createApp(deps);

  it('answers 403 with a page to every form post without the session token, and accepts it with the token', async () => {
    const { agent, csrf } = await loginAgent(app, deps, 'nurse');
    const body = { age: '30', sex: 'male', text: 'fever and cough' };
    const none = await agent.post('/assessments').type('form').send(body).expect(403);
    expect(none.text).toContain('did not come from this site');
    await agent.post('/assessments').type('form').send({ ...body, _csrf: 'forged' }).expect(403);
    await agent.post('/logout').type('form').send({}).expect(403);
    await agent.post('/assessments').type('form').send({ ...body, _csrf: csrf }).expect(303);
  });

  it('puts the token in every form the pages show', async () => {
    const { agent, csrf } = await loginAgent(app, deps, 'admin');
    const post = await agent.post('/assessments').type('form').send({ age: '30', sex: 'male', text: 'fever and cough', _csrf: csrf }).expect(303);
    for (const p of ['/', post.headers.location, '/admin/users', '/admin/tokens']) {
      const html = (await agent.get(p).expect(200)).text;
      const forms = html.match(/<form method="post"[\s\S]*?<\/form>/g) ?? [];
      expect(forms.length).toBeGreaterThan(0);
      for (const f of forms) expect(f).toContain(`name="_csrf" value="${csrf}"`);
    }
  });

  it('checks the login form against its own cookie', async () => {
    const u = await addUser(deps, 'nurse');
    await request(app).post('/login').type('form').send({ username: u.username, password: TEST_PASSWORD, _csrf: 'x' }).expect(403);
  });
});

describe('lockout and rate limit', async () => {
  it('locks an account for 15 minutes after 5 failed sign-ins, even for the right password, then lets it in', async () => {
    const deps = await testDeps();
    const app = createApp(deps);
    const u = await addUser(deps, 'nurse');
    const agent = request.agent(app);
    const csrf = csrfOf((await agent.get('/login')).text);
    const attempt = (password: string) => agent.post('/login').type('form').send({ username: u.username, password, _csrf: csrf });
    for (let i = 0; i < 4; i++) await attempt('wrong password').expect(401);
    expect((await attempt('wrong password').expect(401)).text).toContain('locked for 15 minutes');
    expect((await attempt(TEST_PASSWORD).expect(423)).text).toContain('locked');
    deps.tick(14 * 60_000);
    await attempt(TEST_PASSWORD).expect(423);
    deps.tick(2 * 60_000);
    await attempt(TEST_PASSWORD).expect(303);
  });

  it('a success resets the count of failures', async () => {
    const deps = await testDeps();
    const app = createApp(deps);
    const u = await addUser(deps, 'nurse');
    const agent = request.agent(app);
    const csrf = csrfOf((await agent.get('/login')).text);
    const attempt = (password: string) => agent.post('/login').type('form').send({ username: u.username, password, _csrf: csrf });
    for (let i = 0; i < 4; i++) await attempt('wrong password').expect(401);
    await attempt(TEST_PASSWORD).expect(303);
    expect(deps.users.byId(u.id)!.failedLogins).toBe(0);
    const other = request.agent(app);
    const csrf2 = csrfOf((await other.get('/login')).text);
    for (let i = 0; i < 4; i++) await other.post('/login').type('form').send({ username: u.username, password: 'wrong password', _csrf: csrf2 }).expect(401);
    expect(deps.users.byId(u.id)!.lockedUntil).toBe(0);
  });

  it('limits POST /login per IP with a 429 and Retry-After', async () => {
    const deps = await testDeps(undefined, [], { loginPerMinute: 3 });
    const app = createApp(deps);
    const agent = request.agent(app);
    const csrf = csrfOf((await agent.get('/login')).text);
    for (let i = 0; i < 3; i++) await agent.post('/login').type('form').send({ username: 'x', password: 'y', _csrf: csrf }).expect(401);
    const res = await agent.post('/login').type('form').send({ username: 'x', password: 'y', _csrf: csrf }).expect(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    deps.tick(61_000);
    await agent.post('/login').type('form').send({ username: 'x', password: 'y', _csrf: csrf }).expect(401);
  });
});

describe('first admin setup', async () => {
  it('works once with the printed token while no user exists, then is closed', async () => {
    const deps = await testDeps(undefined, [], { setupToken: 'the-setup-token' });
    const app = createApp(deps);
    await request(app).get('/setup?token=wrong').expect(404);
    await request(app).get('/setup').expect(404);
    const agent = request.agent(app);
    const form = await agent.get('/setup?token=the-setup-token').expect(200);
    const csrf = csrfOf(form.text);
    const bad = await agent.post('/setup').type('form').send({ token: 'the-setup-token', username: 'boss', password: 'short', confirm: 'short', _csrf: csrf }).expect(400);
    expect(bad.text).toContain('at least 10 characters');
    const ok = await agent.post('/setup').type('form').send({ token: 'the-setup-token', username: 'boss', password: TEST_PASSWORD, confirm: TEST_PASSWORD, _csrf: csrf }).expect(303);
    expect(ok.headers.location).toBe('/admin/users');
    expect(deps.users.byName('boss')!.role).toBe('admin');
    await agent.get('/admin/users').expect(200);
    await request(app).get('/setup?token=the-setup-token').expect(404);
  });

  it('is closed when a user already exists', async () => {
    const deps = await testDeps(undefined, [], { setupToken: 'tok' });
    await addUser(deps, 'nurse');
    await request(createApp(deps)).get('/setup?token=tok').expect(404);
  });
});
