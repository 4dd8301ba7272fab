import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp } from '../../src/app.ts';
import { csvCell } from '../../src/web/csv.ts';
import { apiToken, loginAgent, testDeps } from '../helpers.ts';

const Coding = z.object({ system: z.string().url().or(z.string().startsWith('urn:')), code: z.string().min(1), display: z.string().optional() });
const CodeableConcept = z.object({ coding: z.array(Coding).optional(), text: z.string().optional() });
const Reference = z.object({ reference: z.string().optional(), display: z.string().optional() });
const id = z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/);
const Patient = z.object({ resourceType: z.literal('Patient'), id, gender: z.enum(['male', 'female', 'other', 'unknown']), birthDate: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/).optional() }).strict().or(
  z.object({ resourceType: z.literal('Patient'), id, gender: z.enum(['male', 'female', 'other', 'unknown']) }).passthrough());
const Observation = z.object({
  resourceType: z.literal('Observation'), id, status: z.enum(['registered', 'preliminary', 'final', 'amended']), code: CodeableConcept.refine((c) => !!c.text),
  subject: Reference, valueBoolean: z.boolean().optional(),
});
const Condition = z.object({
  resourceType: z.literal('Condition'), id, subject: Reference,
  code: z.object({ coding: z.array(Coding.extend({ system: z.literal('http://hl7.org/fhir/sid/icd-10-cm') })).min(1), text: z.string() }),
  clinicalStatus: CodeableConcept, verificationStatus: CodeableConcept,
});
const ClinicalImpression = z.object({
  resourceType: z.literal('ClinicalImpression'), id, status: z.enum(['in-progress', 'completed', 'entered-in-error']), subject: Reference,
  summary: z.string().min(1), finding: z.array(z.object({ itemCodeableConcept: CodeableConcept.optional(), itemReference: Reference.optional(), basis: z.string().optional() })).min(1),
  prognosisCodeableConcept: z.array(CodeableConcept).min(1),
});
const Bundle = z.object({
  resourceType: z.literal('Bundle'), type: z.literal('collection'),
  entry: z.array(z.object({ fullUrl: z.string().startsWith('urn:uuid:'), resource: z.object({ resourceType: z.string() }).passthrough() })).min(1),
});

describe('exports', async () => {
  const deps = await testDeps();
  const app = createApp(deps);
  const auth = apiToken(deps);
  const created = (await request(app).post('/api/v1/assessments').set('authorization', auth)
    .send({ patient: { age: 45, sex: 'female' }, text: '=HYPERLINK("x") fever and productive cough, no chest pain', reference: 'MRN-77' }).expect(201)).body;
  const doc = await loginAgent(app, deps, 'clinician', 'dr.bea');
  await doc.agent.post(`/assessments/${created.id}/review`).type('form').send({ _csrf: doc.csrf, choice: 'cond:pneumonia', disposition: 'refer-urgent', note: 'CXR please' }).expect(303);

  it('prints a referral letter with the opinion and the review on one A4 page', async () => {
    const res = await doc.agent.get(`/assessments/${created.id}/letter`).expect(200);
    expect(res.text).toMatch(/href="\/static\/print\.css\?v=[0-9a-f]{12}"/);
    expect(res.text).toContain('MRN-77');
    expect(res.text).toContain('Pneumonia');
    expect(res.text).toContain('CXR please');
    expect(res.text).toContain('Reviewed by dr.bea');
    expect(res.text).toContain('Decision support, not a diagnosis');
    const css = await doc.agent.get('/static/print.css').expect(200);
    expect(css.text).toContain('size: A4');
  });

  it('exports a case as CSV with the review, and guards cells against spreadsheet formulas', async () => {
    const res = await doc.agent.get(`/cases/${created.caseId}.csv`).expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain(`case-${created.caseId}.csv`);
    const [header, row] = res.text.trim().split('\r\n');
    expect(header.split(',')).toContain('reviewed_icd10');
    expect(row).toContain('MRN-77');
    expect(row).toContain(',Pneumonia,J18.9,');
    expect(row).toContain(`"'=HYPERLINK(""x"") fever`);
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell('a,b')).toBe('"a,b"');
  });

  it('exports a case as a FHIR R4 Bundle (collection) with Patient, Observations, the reviewed Condition and a ClinicalImpression', async () => {
    const res = await request(app).get(`/api/v1/cases/${created.caseId}/fhir`).set('authorization', auth).expect(200);
    expect(res.headers['content-type']).toContain('application/fhir+json');
    const bundle = Bundle.parse(JSON.parse(res.text));
    const of = (t: string) => bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === t);
    const [patient] = of('Patient').map((r) => Patient.parse(r));
    expect(patient).toMatchObject({ gender: 'female', birthDate: expect.stringMatching(/^\d{4}$/) });
    expect(JSON.stringify(patient)).not.toMatch(/"name"/);
    const obs = of('Observation').map((r) => Observation.parse(r));
    expect(obs.find((o) => o.code.text === 'Chest pain')?.valueBoolean).toBe(false);
    expect(obs.find((o) => o.code.text === 'Productive cough')?.valueBoolean).toBe(true);
    const [cond] = of('Condition').map((r) => Condition.parse(r));
    expect(cond.code.coding[0]).toMatchObject({ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'J18.9' });
    const [ci] = of('ClinicalImpression').map((r) => ClinicalImpression.parse(r));
    const refs = new Set(bundle.entry.map((e) => e.fullUrl));
    for (const f of ci.finding) if (f.itemReference) expect(refs.has(f.itemReference.reference!)).toBe(true);
    expect(ci.finding.filter((f) => f.itemReference)).toHaveLength(obs.length);
    expect(refs.has((ci.subject as { reference: string }).reference)).toBe(true);
    await request(app).get('/api/v1/cases/00000000-0000-4000-8000-000000000000/fhir').set('authorization', auth).expect(404);
  });
});
