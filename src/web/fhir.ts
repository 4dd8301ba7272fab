// A case as a FHIR R4 Bundle (type collection): Patient without a name, an Observation per finding, the reviewed Condition, and a ClinicalImpression.
import { randomUUID } from 'node:crypto';
import type { StoredAssessment } from '../storage/assessments.ts';
import type { Review } from '../storage/reviews.ts';

export const ICD10_SYSTEM = 'http://hl7.org/fhir/sid/icd-10-cm';
export const FINDING_SYSTEM = 'urn:barefoot:finding';
const APPROX_EXT = 'urn:barefoot:fhir:birthdate-approximated';

type Resource = { resourceType: string; id: string } & Record<string, unknown>;

/** Birth date from the age at assessment: the year only for adults, year and month under two (both estimates, marked so). */
function birthDate(ageMonths: number | undefined, at: string): string | undefined {
  if (ageMonths === undefined) return undefined;
  const d = new Date(at);
  d.setUTCMonth(d.getUTCMonth() - Math.round(ageMonths));
  const iso = d.toISOString();
  return ageMonths < 24 ? iso.slice(0, 7) : iso.slice(0, 4);
}

export function caseBundle(a: StoredAssessment, review: Review | undefined): Record<string, unknown> {
  const o = a.opinion;
  const ids = { patient: randomUUID(), impression: randomUUID() };
  const ref = (id: string) => ({ reference: `urn:uuid:${id}` });
  const born = birthDate(o.patient.ageMonths, a.createdAt);
  const patient: Resource = {
    resourceType: 'Patient', id: ids.patient,
    ...(a.reference ? { identifier: [{ system: 'urn:barefoot:clinic-reference', value: a.reference }] } : {}),
    ...(o.patient.sex ? { gender: o.patient.sex } : { gender: 'unknown' }),
    ...(born ? { birthDate: born, _birthDate: { extension: [{ url: APPROX_EXT, valueBoolean: true }] } } : {}),
  };
  const observations: Resource[] = o.findings.map((f) => ({
    resourceType: 'Observation', id: randomUUID(), status: 'final',
    code: { coding: [{ system: FINDING_SYSTEM, code: f.id, display: f.label }], text: f.label },
    subject: ref(ids.patient), effectiveDateTime: a.createdAt,
    ...(f.status === 'possible' ? { interpretation: [{ text: 'possible' }], note: [{ text: 'reported as possible, not confirmed' }] } : { valueBoolean: f.status === 'present' }),
  }));
  const condition: Resource | undefined = review && {
    resourceType: 'Condition', id: randomUUID(),
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
    verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }] },
    code: { ...(review.icd10 ? { coding: [{ system: ICD10_SYSTEM, code: review.icd10, display: review.diagnosis }] } : {}), text: review.diagnosis },
    subject: ref(ids.patient), recordedDate: review.createdAt, asserter: { display: review.reviewer },
    ...(review.note ? { note: [{ text: review.note }] } : {}),
  };
  const top = o.differential.slice(0, 5);
  const impression: Resource = {
    resourceType: 'ClinicalImpression', id: ids.impression, status: 'completed',
    description: 'barefoot auxiliary opinion (decision support, not a diagnosis)',
    subject: ref(ids.patient), date: a.createdAt, identifier: [{ system: 'urn:barefoot:assessment', value: a.id }],
    summary: `Triage ${o.triage.level}. Leading: ${top.map((d) => `${d.condition.name} ${Math.round(d.probability * 100)}%`).join(', ') || 'none'}.`,
    finding: [
      ...top.map((d) => ({ itemCodeableConcept: { coding: [{ system: ICD10_SYSTEM, code: d.condition.icd10, display: d.condition.name }], text: d.condition.name }, basis: `rank ${d.rank}, probability ${d.probability.toFixed(3)}` })),
      ...observations.map((ob) => ({ itemReference: ref(ob.id) })),
    ],
    prognosisCodeableConcept: [{ coding: [{ system: 'urn:barefoot:triage', code: o.triage.level }], text: `Triage: ${o.triage.level}` }],
    ...(condition ? { problem: [ref(condition.id)] } : {}),
    note: [{ text: `app ${o.provenance.app}, knowledge ${o.provenance.knowledge}, model ${o.provenance.model}` }],
  };
  const resources = [patient, ...observations, ...(condition ? [condition] : []), impression];
  return {
    resourceType: 'Bundle', id: randomUUID(), type: 'collection', timestamp: new Date().toISOString(),
    entry: resources.map((r) => ({ fullUrl: `urn:uuid:${r.id}`, resource: r })),
  };
}
