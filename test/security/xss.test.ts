// Script payloads through every field a page echoes — the note, age, vital signs, findings, settings — come back escaped, never live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, pages, postForm, type Served, serveTestApp } from './access.ts';

let s: Served;
beforeAll(async () => { s = await serveTestApp(); });
afterAll(async () => { await s?.close(); });

export const XSS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg/onload=alert(1)>",
  '</textarea><script>alert(2)</script>',
  '<iframe src="javascript:alert(3)"></iframe>',
  '{{constructor.constructor(\'alert(4)\')()}}',
  '<a href="javascript:alert(5)">x</a>',
  '<<script>script>alert(6)<</script>/script>',
];

/** The payload does not appear raw, no element it carried made it into the page, and nothing from the template engine ran. */
function expectInert(html: string, payload: string, what: string) {
  expect(html.includes(payload), `${what}: raw payload in the page`).toBe(false);
  expect(html, `${what}: live script element`).not.toMatch(/<script\b(?![^>]*\ssrc="\/)/i);
  expect(html, `${what}: live handler`).not.toMatch(/<(img|svg|iframe|a)\b[^>]*(onerror|onload|javascript:)/i);
}

const escaped = (p: string) => p.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;').replace(/`/g, '&#x60;').replace(/=/g, '&#x3D;');

describe('script payloads on the pages', () => {
  it('in the note: escaped on the opinion page (form and API alike)', async () => {
    const browser = await pages(s);
    for (const p of XSS) {
      const text = `fever and cough ${p} no chest pain`;
      const viaForm = await postForm(s, '/assessments', { age: '40', sex: 'female', text });
      expect(viaForm.status).toBe(303);
      const page = await browser.get(viaForm.headers.location).expect(200);
      expectInert(page.text, p, `form note ${p}`);
      // The note is shown in highlighted pieces; without the <mark> wrappers it reads as the escaped payload, character for character.
      expect(page.text.replace(/<mark [^>]*>|<\/mark>/g, '')).toContain(escaped(p));
      const viaApi = await api(s).post('/api/v1/assessments').send({ patient: { age: 40, sex: 'female' }, text }).expect(201);
      expectInert((await browser.get(`/assessments/${viaApi.body.id}`).expect(200)).text, p, `API note ${p}`);
    }
  });

  it('in the note, age, vital signs, findings and settings of a rejected form: escaped where the form is shown again', async () => {
    for (const p of XSS) {
      for (const field of ['age', 'temp', 'hr', 'rr', 'sbp', 'dbp', 'spo2', 'glucose', 'weight', 'f', 'absent', 'setting', 'text']) {
        const fields: Record<string, string> = { age: '40', sex: 'female', text: field === 'text' ? '' : 'cough', [field]: p };
        if (field === 'text') fields.age = p; // an empty note with a bad age: both the note box and the age come back
        const res = await postForm(s, '/assessments', fields);
        expect(res.status, `${field} ${p}`).toBe(400);
        expectInert(res.text, p, `${field} ${p}`);
      }
    }
  });

  it('in select and unit fields and unknown field names: never echoed raw', async () => {
    for (const p of XSS) {
      const res = await postForm(s, '/assessments', { age: '40', sex: p, ageUnit: p, tempUnit: p, glucoseUnit: p, pregnant: p, [p]: p, text: 'cough' });
      expect(res.status).toBeLessThan(500);
      expectInert(res.text, p, `selects ${p}`);
    }
  });

  it('in a finding id, setting or answer sent to the JSON API: returned as JSON data, never as HTML', async () => {
    for (const p of XSS) {
      const res = await api(s).post('/api/v1/assessments').send({ patient: { age: 40, sex: 'female' }, text: 'cough', findings: [{ id: p.slice(0, 100), status: 'present' }], settings: [p.slice(0, 50)] });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });
});
