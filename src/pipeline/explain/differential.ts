// Turns ranked conditions into the differential the clinician reads: evidence for and against in words, and what is not yet known.
import type { KnowledgeBase } from '../../knowledge/types.ts';
import type { CaseFinding, Opinion, Ranked } from '../types.ts';

const fmt = (lr: number) => (lr >= 1 ? `LR ${lr.toFixed(1)}` : `LR ${lr.toFixed(2)}`);

export function differential(ranked: readonly Ranked[], findings: readonly CaseFinding[], kb: KnowledgeBase): Opinion['differential'] {
  const { engine } = kb;
  const known = new Set(findings.map((f) => f.id));
  for (const f of findings) if (f.status !== 'absent') for (const a of kb.ancestors.get(f.id) ?? []) known.add(a);
  return ranked
    .filter((r, i) => i === 0 || r.probability >= engine.minShownProbability)
    .slice(0, engine.maxDifferential)
    .map((r, i) => {
      const c = kb.conditions.get(r.conditionId)!;
      const sorted = [...r.contributions].sort((a, b) => Math.abs(Math.log(b.lr)) - Math.abs(Math.log(a.lr)));
      const say = (x: (typeof sorted)[number]) => `${x.status === 'absent' ? 'No ' + x.label.toLowerCase() : x.label}${x.status === 'possible' ? ' (possible)' : ''}: ${x.words} (${fmt(x.lr)})`;
      const unknownImportant = c.findings
        .filter((f) => !known.has(f.id) && (f.p >= engine.explain.unknownImportantMinP || f.p <= engine.explain.unknownImportantMaxP))
        .map((f) => ({ f, weight: Math.abs(Math.log(Math.max(f.p, 0.01) / (kb.findings.get(f.id)!.background))) }))
        .sort((a, b) => b.weight - a.weight)
        .slice(0, 4)
        .map(({ f }) => `${kb.findings.get(f.id)!.label} (${f.p >= engine.explain.unknownImportantMinP ? `usual: ${Math.round(f.p * 100)}%` : `rare: ${Math.round(f.p * 100)}%`})`);
      return {
        rank: i + 1,
        probability: Math.round(r.probability * 10000) / 10000,
        condition: { id: c.id, name: c.name, icd10: c.icd10[0], icd10Title: kb.icd10.get(c.icd10[0]), category: c.category, cantMiss: c.cantMiss, disposition: c.disposition },
        supporting: sorted.filter((x) => x.lr > 1.25).map(say),
        against: sorted.filter((x) => x.lr < 0.8).map(say),
        unknownImportant,
        contributions: sorted,
        tests: c.tests,
        advice: c.advice,
        referral: c.referral,
      };
    });
}
