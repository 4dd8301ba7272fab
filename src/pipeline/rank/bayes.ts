// Naive-Bayes ranking: each known finding moves a condition's log-odds by its likelihood ratio against the background rate.
import type { Condition, Engine, Finding } from '../../knowledge/schema.ts';
import type { KnowledgeBase } from '../../knowledge/types.ts';
import type { CaseFinding, Contribution, Patient, Ranked } from '../types.ts';
import { priorOf } from './prior.ts';

const clamp = (p: number, floor: number) => Math.min(1 - floor, Math.max(floor, p));

/** P(finding | condition): the listed frequency, or a fraction of the background rate for a finding the condition does not list. */
export function pGiven(c: Condition, f: Finding, engine: Engine, listed = new Map(c.findings.map((x) => [x.id, x.p]))): number {
  const p = listed.get(f.id);
  if (p !== undefined) return clamp(p, engine.pFloor);
  const neutral = engine.neutralWhenUnlisted.kinds.includes(f.kind) || engine.neutralWhenUnlisted.findings.includes(f.id);
  return clamp(f.background * (neutral ? 1 : engine.unlistedFactor), engine.pFloor);
}

export function weightWords(lr: number, engine: Engine): string {
  return engine.weightWords.find((w) => lr >= w.minLR)?.words ?? 'neutral';
}

type Known = { finding: Finding; status: 'present' | 'absent' | 'possible'; weight: number };

/**
 * A finding stated several ways counts once: a general finding gives way to a specific one the condition lists,
 * and a specific one the condition does not list gives way to its general form (or to its own present descendants).
 */
function counted(c: Condition, known: Known[], listed: Map<string, number>, kb: KnowledgeBase): Known[] {
  const present = new Set(known.filter((k) => k.status !== 'absent').map((k) => k.finding.id));
  const descendantsPresent = (id: string) => [...present].filter((p) => kb.ancestors.get(p)?.includes(id));
  return known.filter((k) => {
    if (k.status === 'absent') return true;
    const id = k.finding.id;
    const desc = descendantsPresent(id);
    if (desc.some((d) => listed.has(d))) return false;
    if (!listed.has(id)) {
      if (desc.length) return false;
      if ((kb.ancestors.get(id) ?? []).some((a) => present.has(a) && listed.has(a))) return false;
    }
    return true;
  });
}

export function rank(findings: readonly CaseFinding[], patient: Patient, settings: readonly string[], kb: KnowledgeBase): Ranked[] {
  const { engine } = kb;
  const known: Known[] = findings.flatMap((f) => {
    const finding = kb.findings.get(f.id);
    return finding ? [{ finding, status: f.status, weight: f.status === 'possible' ? engine.possibleWeight : 1 }] : [];
  });
  const ranked = kb.conditionList.map((c) => {
    const prior = priorOf(c, patient, settings, engine);
    const logPrior = Math.log(Math.max(prior.value, 1e-9));
    const listed = new Map(c.findings.map((x) => [x.id, x.p]));
    const contributions: Contribution[] = [];
    let logOdds = logPrior;
    for (const k of counted(c, known, listed, kb)) {
      const p = pGiven(c, k.finding, engine, listed);
      const bg = clamp(k.finding.background, engine.pFloor);
      const lr = k.status === 'absent' ? (1 - p) / (1 - bg) : p / bg;
      logOdds += k.weight * Math.log(lr);
      contributions.push({ findingId: k.finding.id, label: k.finding.label, status: k.status, lr, words: weightWords(lr, engine) });
    }
    return { conditionId: c.id, logPrior, logOdds, contributions, probability: 0 };
  });
  const max = Math.max(...ranked.map((r) => r.logOdds));
  const total = ranked.reduce((s, r) => s + Math.exp(r.logOdds - max), 0);
  for (const r of ranked) r.probability = Math.exp(r.logOdds - max) / total;
  return ranked.sort((a, b) => b.probability - a.probability);
}
