// Measured vital signs become findings through the knowledge base's thresholds (age-specific where the rule says so).
import type { KnowledgeBase } from '../../knowledge/types.ts';
import { inAgeRange } from '../explain/red-flags.ts';
import type { CaseFinding, Vitals } from '../types.ts';

/** Present when a value meets an applicable rule; absent when measured and no applicable rule is met. */
export function vitalFindings(vitals: Vitals, ageMonths: number | undefined, kb: KnowledgeBase): CaseFinding[] {
  const byFinding = new Map<string, { met: boolean; value: string }>();
  for (const rule of kb.vitalRules) {
    const v = vitals[rule.vital];
    if (v === undefined) continue;
    // An age-specific rule needs the age; a rule without age applies to everyone.
    if (rule.age && !inAgeRange(ageMonths, rule.age)) continue;
    const met = (rule.min === undefined || v >= rule.min) && (rule.max === undefined || v < rule.max);
    const prev = byFinding.get(rule.finding);
    if (!prev || (met && !prev.met)) byFinding.set(rule.finding, { met, value: `${rule.vital} ${v}` });
  }
  return [...byFinding].map(([id, r]) => ({ id, label: kb.findings.get(id)!.label, status: r.met ? 'present' : 'absent', source: 'vitals', value: r.value }));
}
