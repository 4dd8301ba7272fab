// Naive-Bayes ranking: each known finding moves a condition's log-odds by its likelihood ratio against the background rate.
import type { Condition, Engine, Finding } from '../../knowledge/schema.ts';
import type { KnowledgeBase } from '../../knowledge/types.ts';
import type { CaseFinding, Contribution, Patient, Ranked } from '../types.ts';
import { ageBand, priorOf } from './prior.ts';

const clamp = (p: number, floor: number) => Math.min(1 - floor, Math.max(floor, p));

// The knowledge base is frozen, so per-condition and per-engine lookups are built once and reused by every request.
const listedCache = new WeakMap<Condition, Map<string, number>>();
/**
 * A condition's finding frequencies, plus those its specific findings imply for their general forms: bloody diarrhoea in
 * 90% of shigellosis means diarrhoea in at least 90%, so a note saying only "diarrhoea" (or "no diarrhoea") counts for (or
 * against) shigellosis instead of being treated as a finding it does not list.
 */
export function listedOf(c: Condition, ancestors: KnowledgeBase['ancestors']): Map<string, number> {
  let m = listedCache.get(c);
  if (!m) {
    m = new Map(c.findings.map((x) => [x.id, x.p]));
    const implied = new Map<string, number>();
    for (const x of c.findings) for (const a of ancestors.get(x.id) ?? []) if (!m.has(a)) implied.set(a, Math.max(implied.get(a) ?? 0, x.p));
    for (const [a, p] of implied) m.set(a, p);
    listedCache.set(c, m);
  }
  return m;
}
const neutralCache = new WeakMap<Engine, { kinds: Set<string>; ids: Set<string> }>();
function neutralOf(engine: Engine) {
  let n = neutralCache.get(engine);
  if (!n) { n = { kinds: new Set(engine.neutralWhenUnlisted.kinds), ids: new Set(engine.neutralWhenUnlisted.findings) }; neutralCache.set(engine, n); }
  return n;
}

/** P(finding | condition): the listed frequency, or a fraction of the background rate for a finding the condition does not list. */
export function pGiven(f: Finding, engine: Engine, listed: Map<string, number>): number {
  const p = listed.get(f.id);
  if (p !== undefined) return clamp(p, engine.pFloor);
  const n = neutralOf(engine);
  const neutral = n.kinds.has(f.kind) || n.ids.has(f.id);
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
type Family = { descendants: string[]; ancestors: string[] };

/** For each present finding, which other present findings are its descendants and ancestors (computed once per case). */
function families(known: Known[], kb: KnowledgeBase): Map<string, Family> {
  const present = known.filter((k) => k.status !== 'absent').map((k) => k.finding.id);
  const set = new Set(present);
  const out = new Map<string, Family>(present.map((id) => [id, { descendants: [], ancestors: [] }]));
  for (const id of present) {
    for (const a of kb.ancestors.get(id) ?? []) {
      if (!set.has(a)) continue;
      out.get(id)!.ancestors.push(a);
      out.get(a)!.descendants.push(id);
    }
  }
  return out;
}

function counted(known: readonly Known[], listed: Map<string, number>, fam: Map<string, Family>): Known[] {
  return known.filter((k) => {
    if (k.status === 'absent') return true;
    const id = k.finding.id;
    const f = fam.get(id)!;
    if (!f.descendants.length && !f.ancestors.length) return true;
    if (f.descendants.some((d) => listed.has(d))) return false;
    if (!listed.has(id)) {
      if (f.descendants.length) return false;
      if (f.ancestors.some((a) => listed.has(a))) return false;
    }
    return true;
  });
}

/** Each counted finding's likelihood ratio for one condition, with the words the explanation uses. */
export function contributionsFor(c: Condition, known: readonly Known[], fam: Map<string, Family>, kb: KnowledgeBase): Contribution[] {
  const { engine } = kb;
  const listed = listedOf(c, kb.ancestors);
  return counted(known, listed, fam).map((k) => {
    const lr = likelihoodRatio(k, engine, listed);
    return { findingId: k.finding.id, label: k.finding.label, status: k.status, lr, words: weightWords(lr, engine) };
  });
}

function likelihoodRatio(k: Known, engine: Engine, listed: Map<string, number>): number {
  const p = pGiven(k.finding, engine, listed);
  const bg = clamp(k.finding.background, engine.pFloor);
  return k.status === 'absent' ? (1 - p) / (1 - bg) : p / bg;
}

/**
 * Posterior over all conditions. The arithmetic runs on numbers only; the step-by-step contributions (for the explanation)
 * are kept for the conditions worth showing, which is all a page or the API ever reads.
 */
export function rank(findings: readonly CaseFinding[], patient: Patient, settings: readonly string[], kb: KnowledgeBase, explainTop = 30): Ranked[] {
  const { engine } = kb;
  const known: Known[] = findings.flatMap((f) => {
    const finding = kb.findings.get(f.id);
    return finding ? [{ finding, status: f.status, weight: f.status === 'possible' ? engine.possibleWeight : 1 }] : [];
  });
  const fam = families(known, kb);
  const band = ageBand(patient.ageMonths, engine);
  const ranked: Ranked[] = kb.conditionList.map((c) => {
    const logPrior = Math.log(Math.max(priorOf(c, patient, settings, engine, band), 1e-9));
    const listed = listedOf(c, kb.ancestors);
    let logOdds = logPrior;
    for (const k of counted(known, listed, fam)) logOdds += engine.evidenceWeight * k.weight * Math.log(likelihoodRatio(k, engine, listed));
    return { conditionId: c.id, logPrior, logOdds, contributions: [], probability: 0 };
  });
  const max = Math.max(...ranked.map((r) => r.logOdds));
  const total = ranked.reduce((s, r) => s + Math.exp(r.logOdds - max), 0);
  for (const r of ranked) r.probability = Math.exp(r.logOdds - max) / total;
  ranked.sort((a, b) => b.probability - a.probability);
  for (const r of ranked.slice(0, explainTop)) r.contributions = contributionsFor(kb.conditions.get(r.conditionId)!, known, fam, kb);
  return ranked;
}
