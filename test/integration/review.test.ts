import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { apiToken, loginAgent, testDeps } from '../helpers.ts';

describe('clinician review', async () => {
  const deps = await testDeps();
  const app = createApp(deps);
  const auth = apiToken(deps);
  const api = { get: (p: string) => request(app).get(p).set('authorization', auth), post: (p: string) => request(app).post(p).set('authorization', auth) };
  const first = (await api.post('/api/v1/assessments').send({ patient: { age: 30, sex: 'male' }, text: 'fever and productive cough' }).expect(201)).body;
  const doc = await loginAgent(app, deps, 'clinician', 'dr.ade');
  const post = (body: Record<string, string>, id = first.id) => doc.agent.post(`/assessments/${id}/review`).type('form').send({ _csrf: doc.csrf, ...body });

  it('accepts a listed condition as a separate record (who, when), leaving the opinion unchanged', async () => {
    const before = (await api.get(`/api/v1/assessments/${first.id}`).expect(200)).body;
    const top = before.differential[0].condition;
    await post({ choice: `cond:${top.id}`, disposition: 'treat-follow-up', note: 'Amoxicillin, review in 48 h' }).expect(303);
    const after = (await api.get(`/api/v1/assessments/${first.id}`).expect(200)).body;
    expect(after).toEqual(before);
    const [r] = deps.reviews.forAssessment(first.id);
    expect(r).toMatchObject({ conditionId: top.id, icd10: top.icd10, diagnosis: top.name, agreedRank: 1, reviewer: 'dr.ade', disposition: 'treat-follow-up' });
    expect(Date.parse(r.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    const page = (await doc.agent.get(`/assessments/${first.id}`).expect(200)).text;
    expect(page).toContain('Amoxicillin, review in 48 h');
    expect(page).toContain('by dr.ade');
    expect(page).toContain('agreed with the top condition');
  });

  it('takes another condition typed by ICD-10 code, by datalist label, or by name, and free text without a code', async () => {
    await post({ choice: 'other', other: 'J45.901', disposition: 'refer-urgent' }).expect(303);
    await post({ choice: 'other', other: 'Bacterial meningitis (G00.9)', disposition: 'refer-emergency' }).expect(303);
    await post({ choice: 'other', other: 'common cold', disposition: 'self-care' }).expect(303);
    await post({ choice: 'other', other: 'Dengue fever, suspected', disposition: 'refer-urgent' }).expect(303);
    const rs = deps.reviews.forAssessment(first.id).slice(1);
    expect(rs.map((r) => [r.icd10, r.diagnosis])).toEqual([
      ['J45.901', 'Asthma attack'], ['G00.9', 'Bacterial meningitis'], ['J00', 'Common cold'], [null, 'Dengue fever, suspected'],
    ]);
  });

  it('keeps the form and says what is missing when a review is incomplete', async () => {
    const res = await post({ choice: '', disposition: '' }).expect(400);
    expect(res.text).toContain('Choose what was done');
    const res2 = await post({ choice: 'other', other: '', disposition: 'self-care' }).expect(400);
    expect(res2.text).toContain('Choose a condition from the list');
  });

  it('finds conditions by name or ICD-10 in the API and in the plain form fallback', async () => {
    const byName = await api.get('/api/v1/conditions?q=pneum').expect(200);
    expect(byName.body.conditions[0]).toMatchObject({ value: 'cond:pneumonia', name: 'Pneumonia', icd10: 'J18.9', source: 'knowledge' });
    const byCode = await api.get('/api/v1/conditions?q=J45').expect(200);
    expect(byCode.body.conditions.map((c: { icd10: string }) => c.icd10)).toContain('J45.901');
    const title = await api.get('/api/v1/conditions?q=unspecified%20organism').expect(200);
    expect(title.body.conditions[0].icd10).toBe('J18.9');
    await api.get('/api/v1/conditions?q=x').expect(400);
    const page = (await doc.agent.get(`/assessments/${first.id}?q=nasopharyngitis`).expect(200)).text;
    expect(page).toContain('value="cond:common-cold"');
    expect(page).toContain('<option value="Pneumonia (J18.9)">');
  });

  it('shows the case history: each version and how the differential moved', async () => {
    const second = (await api.post(`/api/v1/assessments/${first.id}/answers`).send({ answers: [{ findingId: 'neck-stiffness', answer: 'yes' }] }).expect(201)).body;
    const page = (await doc.agent.get(`/assessments/${second.id}`).expect(200)).text;
    const history = page.slice(page.indexOf('id="hist-h"'));
    expect(history).toContain(`href="/assessments/${first.id}">1</a>`);
    expect(history).toContain('2</a> (this)');
    expect(history).toMatch(/Bacterial meningitis \S+ <small>\((↑ from \S+|new)\)<\/small>/);
  });

  it('reports on /admin/learning how often the top-1 and top-3 were accepted and what was corrected to what', async () => {
    const admin = await loginAgent(app, deps, 'admin');
    const page = (await admin.agent.get('/admin/learning').expect(200)).text;
    expect(page).toContain('5 review(s)');
    expect(page).toMatch(/top condition in <strong>1<\/strong> \(20%\)/);
    expect(page).toContain('Dengue fever, suspected');
    expect(page).toMatch(/Asthma attack <span class="code">J45.901<\/span> × 1/);
  });
});
