// Fires the knowledge base's red-flag and danger-sign rules on the case's present findings, age, sex and pregnancy.
import type { RedFlag } from '../../knowledge/schema.ts';
import type { KnowledgeBase } from '../../knowledge/types.ts';
import type { CaseFinding, Patient } from '../types.ts';

/** Present findings plus everything they imply (exertional chest pain is chest pain). */
export function presentWithAncestors(findings: readonly CaseFinding[], kb: KnowledgeBase): Set<string> {
  const set = new Set<string>();
  for (const f of findings) if (f.status === 'present') { set.add(f.id); for (const a of kb.ancestors.get(f.id) ?? []) set.add(a); }
  return set;
}

export function inAgeRange(ageMonths: number | undefined, range: { minMonths?: number; maxMonths?: number } | undefined): boolean {
  if (!range) return true;
  if (ageMonths === undefined) return false;
  return (range.minMonths === undefined || ageMonths >= range.minMonths) && (range.maxMonths === undefined || ageMonths < range.maxMonths);
}

export function firedRedFlags(findings: readonly CaseFinding[], patient: Patient, kb: KnowledgeBase): RedFlag[] {
  const present = presentWithAncestors(findings, kb);
  return kb.redFlags.filter((r) =>
    r.all.every((id) => present.has(id)) && (!r.any.length || r.any.some((id) => present.has(id))) &&
    inAgeRange(patient.ageMonths, r.age) && (!r.sex || r.sex === patient.sex) && (r.pregnant === undefined || r.pregnant === patient.pregnant));
}
