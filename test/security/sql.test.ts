// SQL injection strings in every input are data: stored and returned verbatim (prepared statements), or rejected as invalid — the
// database keeps its tables and rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, pages, postForm, type Served, serveTestApp } from './access.ts';

let s: Served;
beforeAll(async () => { s = await serveTestApp(); });
afterAll(async () => { await s?.close(); });

const SQLI = [
  "'; DROP TABLE assessments; --",
  "' OR '1'='1",
  '" OR ""="',
  "1; DELETE FROM cases WHERE 1=1; --",
  "x' UNION SELECT id, input_json, opinion_json FROM assessments --",
  "Robert'); DROP TABLE cases;--",
  "\\'; ATTACH DATABASE '/tmp/pwn.db' AS pwn; --",
  "') ON CONFLICT DO NOTHING; PRAGMA writable_schema=1; --",
  "%' AND 1=0 UNION SELECT sqlite_version() --",
];

const tables = () => (s.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
const count = (t: string) => (s.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;

describe('SQL injection strings', () => {
  it('in the note are stored and read back verbatim, through the API and the form', async () => {
    const before = tables();
    const browser = await pages(s);
    for (const p of SQLI) {
      const text = `fever ${p} cough`;
      const created = await api(s).post('/api/v1/assessments').send({ patient: { age: 40, sex: 'female' }, text }).expect(201);
      const back = await api(s).get(`/api/v1/assessments/${created.body.id}`).expect(200);
      expect(back.body.input.text).toBe(text);
      const row = s.db.prepare('SELECT input_json FROM assessments WHERE id = ?').get(created.body.id) as { input_json: string };
      expect(JSON.parse(row.input_json).text).toBe(text);
      const viaForm = await postForm(s, '/assessments', { age: '40', sex: 'female', text });
      expect(viaForm.status).toBe(303);
      const id = viaForm.headers.location.split('/').pop()!;
      expect((await api(s).get(`/api/v1/assessments/${id}`).expect(200)).body.input.text).toBe(text);
      await browser.get(viaForm.headers.location).expect(200);
    }
    expect(tables()).toEqual(before);
    expect(count('assessments')).toBeGreaterThanOrEqual(SQLI.length * 2);
    expect(s.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('in ids, finding ids, settings, case ids and answers are rejected as invalid or not found, quoted back verbatim', async () => {
    const before = count('assessments');
    for (const p of SQLI) {
      await api(s).get(`/api/v1/assessments/${encodeURIComponent(p)}`).expect(404);
      const f = await api(s).post('/api/v1/assessments').send({ patient: { age: 40, sex: 'female' }, text: 'cough', findings: [{ id: p, status: 'present' }] }).expect(400);
      expect(f.body.error.issues[0].message).toContain(p);
      const st = await api(s).post('/api/v1/assessments').send({ patient: { age: 40, sex: 'female' }, text: 'cough', settings: [p.slice(0, 50)] }).expect(400);
      expect(st.body.error.issues[0].message).toContain(p.slice(0, 50));
      await api(s).post('/api/v1/assessments').send({ patient: { age: 40, sex: p }, text: 'cough' }).expect(400);
      await api(s).post('/api/v1/assessments').send({ patient: { age: 40, sex: 'female' }, text: 'cough', caseId: p }).expect(400);
      await api(s).post(`/api/v1/assessments/${encodeURIComponent(p)}/answers`).send({ answers: [{ findingId: 'fever', answer: 'yes' }] }).expect(404);
      const form = await postForm(s, '/assessments', { age: '40', sex: 'female', text: 'cough', f: p, setting: p, caseId: p });
      expect(form.status).toBe(400);
    }
    expect(count('assessments')).toBe(before);
  });

  it('as a username or password at sign-in do not sign anyone in', async () => {
    const anonymous = (await import('supertest')).default.agent(s.server);
    for (const p of SQLI) {
      const login = await anonymous.get('/login').expect(200);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(login.text)?.[1] ?? '';
      const res = await anonymous.post('/login').type('form').send({ username: p, password: p, _csrf: csrf });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    expect(tables()).toContain('users');
    await anonymous.get('/').expect(303);
  });
});
