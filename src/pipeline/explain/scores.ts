// Clinical scores (CURB-65, Centor, qSOFA, Wells …) from knowledge data, computed when one of the conditions they serve is in the differential.
import type { Score as ScoreDef } from '../../knowledge/schema.ts';
import type { KnowledgeBase } from '../../knowledge/types.ts';
import type { CaseFinding, Patient, Ranked, Score, Vitals } from '../types.ts';
import { inAgeRange, presentWithAncestors } from './red-flags.ts';

function itemMet(item: ScoreDef['items'][number], present: Set<string>, absent: Set<string>, vitals: Vitals, patient: Patient): boolean | null {
  if (item.finding) {
    const met = present.has(item.finding) ? true : absent.has(item.finding) ? false : null;
    return met === null ? null : item.absent ? !met : met;
  }
  if (item.vital) {
    const v = vitals[item.vital];
    if (v === undefined) return null;
    return (item.min === undefined || v >= item.min) && (item.max === undefined || v <= item.max);
  }
  if (item.ageYears) {
    if (patient.ageMonths === undefined) return null;
    const y = patient.ageMonths / 12;
    return (item.ageYears.min === undefined || y >= item.ageYears.min) && (item.ageYears.max === undefined || y <= item.ageYears.max);
  }
  return null;
}

export function computeScores(ranked: readonly Ranked[], findings: readonly CaseFinding[], vitals: Vitals, patient: Patient, kb: KnowledgeBase, topN = 5): Score[] {
  const leading = new Set(ranked.slice(0, topN).map((r) => r.conditionId));
  const present = presentWithAncestors(findings, kb);
  const absent = new Set(findings.filter((f) => f.status === 'absent').map((f) => f.id));
  return kb.scores.filter((s) => s.appliesTo.some((c) => leading.has(c)) && (!s.age || inAgeRange(patient.ageMonths, s.age)))
    .map((s) => {
      const items = s.items.map((i) => ({ label: i.label, points: i.points, met: itemMet(i, present, absent, vitals, patient) }));
      const points = items.reduce((t, i) => t + (i.met ? i.points : 0), 0);
      const band = s.bands.find((b) => points >= b.min && points <= b.max);
      const known = items.filter((i) => i.met !== null).length;
      return { id: s.id, name: s.name, points, known, total: items.length, interpretation: band?.interpretation ?? '', // Unknown items only add points, so the band reached so far is a floor for urgency.
        triage: band?.triage, items, reference: s.reference };
    })
    .filter((s) => s.known > 0);
}
