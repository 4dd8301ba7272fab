// The prior odds of each condition for this patient: base rate × age band × sex × pregnancy × setting multipliers.
import type { Condition, Engine } from '../../knowledge/schema.ts';
import type { Patient } from '../types.ts';

export function ageBand(ageMonths: number | undefined, engine: Engine): string | undefined {
  if (ageMonths === undefined) return undefined;
  return engine.ageBands.find((b) => ageMonths < b.maxMonths)?.id ?? engine.ageBands.at(-1)?.id;
}

/** The prior weight (consultations per 1,000 for a patient like this one); normalised with the rest in the ranking. */
export function priorOf(c: Condition, patient: Patient, settings: readonly string[], engine: Engine, band = ageBand(patient.ageMonths, engine)): number {
  let value = c.prior.perThousand;
  if (band) value *= c.prior.age[band as keyof typeof c.prior.age] ?? 1;
  const sexM = patient.sex ? c.prior.sex[patient.sex] : (c.prior.sex.female + c.prior.sex.male) / 2;
  value *= sexM;
  if (c.prior.pregnancyOnly) {
    // Pregnancy not stated is not the same as not pregnant: keep such conditions possible in women of child-bearing age.
    const p = engine.pregnancyNotStated;
    const childBearing = patient.sex !== 'male' && (patient.ageMonths === undefined || (patient.ageMonths >= p.minMonths && patient.ageMonths < p.maxMonths));
    value *= patient.pregnant ? 1 : childBearing ? p.multiplier : 0;
  }
  for (const s of settings) value *= c.prior.settings[s] ?? 1;
  return value;
}
