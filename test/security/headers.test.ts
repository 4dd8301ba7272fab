// Strict security headers on every kind of answer — pages, errors, static files, the API — and pages that need no inline script.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, pages, postForm, type Served, serveTestApp } from './access.ts';

let s: Served;
beforeAll(async () => { s = await serveTestApp(); });
afterAll(async () => { await s?.close(); });

function expectStrictHeaders(h: Record<string, string>, what: string) {
  const csp = h['content-security-policy'];
  expect(csp, `${what}: Content-Security-Policy`).toBeTruthy();
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => { const [k, ...v] = d.split(/\s+/); return [k, v]; }));
  expect(directives['default-src'], `${what}: default-src`).toEqual(["'self'"]);
  const scripts = directives['script-src'] ?? directives['default-src'];
  expect(scripts, `${what}: script-src`).not.toContain("'unsafe-inline'");
  expect(scripts, `${what}: script-src`).not.toContain("'unsafe-eval'");
  expect(scripts.some((x: string) => x === '*' || x.startsWith('http') || x === 'data:'), `${what}: script-src allows only this site`).toBe(false);
  expect(directives['frame-ancestors'], `${what}: frame-ancestors`).toEqual(["'none'"]);
  expect(directives['base-uri'], `${what}: base-uri`).toBeTruthy();
  expect(directives['form-action'], `${what}: form-action`).toEqual(["'self'"]);
  expect(h['x-content-type-options'], `${what}: nosniff`).toBe('nosniff');
  expect(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'], `${what}: Referrer-Policy`).toContain(h['referrer-policy']);
  expect(h['x-frame-options'], `${what}: X-Frame-Options`).toBe('DENY');
  expect(h['x-powered-by'], `${what}: no X-Powered-By`).toBeUndefined();
}

/** A page that needs no inline script or style: every <script> has a src on this site, no on*= handlers, no style attributes. */
function expectNoInlineCode(html: string, what: string) {
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) expect(tag, `${what}: script without src`).toMatch(/\ssrc="\/[^/]/);
  expect(html, `${what}: inline event handler`).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
  expect(html, `${what}: style attribute`).not.toMatch(/<[^>]+\sstyle\s*=/i);
  expect(html, `${what}: javascript: URL`).not.toMatch(/(href|src|action)\s*=\s*"\s*javascript:/i);
}

describe('security headers', () => {
  it('are on every page, signed in or not, and on error pages', async () => {
    const browser = await pages(s);
    const created = await postForm(s, '/assessments', { age: '40', sex: 'female', text: 'fever and cough' });
    expect(created.status).toBe(303);
    const answers = [
      ['entry page', await browser.get('/')], ['opinion page', await browser.get(created.headers.location)],
      ['unknown page (404)', await browser.get('/no-such-page')], ['unknown assessment (404)', await browser.get('/assessments/00000000-0000-4000-8000-000000000000')],
      ['form with errors (400)', await postForm(s, '/assessments', { age: 'abc', sex: 'female', text: '' })],
      ['login page (anonymous)', await (await import('supertest')).default(s.server).get('/login')],
      ['redirect to login (anonymous)', await (await import('supertest')).default(s.server).get('/')],
      ['form post without CSRF token (403)', await browser.post('/assessments').type('form').send('age=40&sex=female&text=cough')],
    ] as const;
    for (const [what, res] of answers) {
      expect(res.status, what).toBeLessThan(500);
      expectStrictHeaders(res.headers, what);
      if (/html/.test(res.headers['content-type'] ?? '')) expectNoInlineCode(res.text, what);
    }
  });

  it('are on every API answer: 201, 200, 400, 401, 404, 413 and on /healthz and static files', async () => {
    const body = { patient: { age: 40, sex: 'female' }, text: 'fever and cough' };
    const created = await api(s).post('/api/v1/assessments').send(body);
    expect(created.status).toBe(201);
    const anonymous = (await import('supertest')).default(s.server);
    const answers = [
      ['201 created', created], ['200 read', await api(s).get(`/api/v1/assessments/${created.body.id}`)], ['200 knowledge', await api(s).get('/api/v1/knowledge')],
      ['400 invalid', await api(s).post('/api/v1/assessments').send({ patient: {} })],
      ['400 bad JSON', await api(s).post('/api/v1/assessments').set('content-type', 'application/json').send('{')],
      ['401 no token', await anonymous.post('/api/v1/assessments').send(body)], ['401 bad token', await anonymous.get('/api/v1/knowledge').set('authorization', 'Bearer nope')],
      ['404', await api(s).get('/api/v1/assessments/00000000-0000-4000-8000-000000000000')],
      ['413', await api(s).post('/api/v1/assessments').send({ ...body, text: 'x'.repeat(200_000) })],
      ['healthz', await anonymous.get('/healthz')], ['static css', await anonymous.get('/static/app.css')],
    ] as const;
    for (const [what, res] of answers) {
      expectStrictHeaders(res.headers, what);
      if (what !== 'static css') expect(res.headers['content-type'], what).toMatch(/application\/json/);
    }
  });
});
