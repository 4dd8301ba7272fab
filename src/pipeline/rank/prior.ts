// The prior odds of each condition for this patient: base rate × age band × sex × pregnancy × setting multipliers.
import type { Condition, Engine } from '../../knowledge/schema.ts';
import type { Patient } from '../types.ts';

export function ageBand(ageMonths: number | undefined, engine: Engine): string | undefined {
  if (ageMonths === undefined) return undefined;
  return engine.ageBands.find((b) => ageMonths < b.maxMonths)?.id ?? engine.ageBands.at(-1)?.id;
}

/** Multipliers are explained to the clinician, so each one is returned with its reason. */
export function priorOf(c: Condition, patient: Patient, settings: readonly string[], engine: Engine): { value: number; notes: string[] } {
  let value = c.prior.perThousand;
  const notes: string[] = [];
  const band = ageBand(patient.ageMonths, engine);
  if (band) {
    const m = c.prior.age[band as keyof typeof c.prior.age] ?? 1;
    value *= m;
    if (m !== 1) notes.push(`age ${band} ×${m}`);
  }
  const sexM = patient.sex ? c.prior.sex[patient.sex] : (c.prior.sex.female + c.prior.sex.male) / 2;
  value *= sexM;
  if (c.prior.pregnancyOnly) {
    // Pregnancy not stated is not the same as not pregnant: keep such conditions possible in women of child-bearing age.
    const childBearing = patient.sex !== 'male' && (patient.ageMonths === undefined || (patient.ageMonths >= 144 && patient.ageMonths < 660));
    const m = patient.pregnant ? 1 : childBearing ? 0.05 : 0;
    value *= m;
    if (m !== 1) notes.push(patient.pregnant ? '' : 'pregnancy not stated');
  }
  for (const s of settings) {
    const m = c.prior.settings[s];
    if (m !== undefined && m !== 1) { value *= m; notes.push(`${s} ×${m}`); }
  }
  return { value, notes };
}
