// Next questions: unknown findings ranked by expected information gain over the current posterior; danger signs not yet asked come first.
import type { KnowledgeBase } from '../../knowledge/types.ts';
import { listedOf, pGiven } from '../rank/bayes.ts';
import type { CaseFinding, Opinion, Ranked } from '../types.ts';

const entropy = (ps: number[]) => ps.reduce((h, p) => (p > 0 ? h - p * Math.log2(p) : h), 0);

/** Findings whose answer is already implied (a present descendant, an absent ancestor) are not worth asking. */
function knownIds(findings: readonly CaseFinding[], kb: KnowledgeBase): Set<string> {
  const known = new Set(findings.map((f) => f.id));
  const absent = new Set(findings.filter((f) => f.status === 'absent').map((f) => f.id));
  for (const f of findings) if (f.status !== 'absent') for (const a of kb.ancestors.get(f.id) ?? []) known.add(a);
  for (const [id, anc] of kb.ancestors) if (anc.some((a) => absent.has(a))) known.add(id);
  return known;
}

export function nextQuestions(ranked: readonly Ranked[], findings: readonly CaseFinding[], kb: KnowledgeBase, topN = 15): Opinion['questions'] {
  const top = ranked.slice(0, topN);
  const mass = top.reduce((s, r) => s + r.probability, 0) || 1;
  const post = top.map((r) => r.probability / mass);
  const conds = top.map((r) => kb.conditions.get(r.conditionId)!);
  const h0 = entropy(post);
  const known = knownIds(findings, kb);
  const candidates = new Set<string>();
  for (const c of conds) for (const f of c.findings) if (!known.has(f.id)) candidates.add(f.id);
  const scored = [...candidates].map((id) => {
    const f = kb.findings.get(id)!;
    const like = conds.map((c) => pGiven(f, kb.engine, listedOf(c, kb.ancestors)));
    const pYes = post.reduce((s, p, i) => s + p * like[i], 0);
    const yes = post.map((p, i) => (p * like[i]) / pYes);
    const no = post.map((p, i) => (p * (1 - like[i])) / (1 - pYes));
    const gain = h0 - (pYes * entropy(yes) + (1 - pYes) * entropy(no));
    // A danger sign is asked when any leading condition lists it as reasonably likely, whatever its information gain.
    const danger = f.dangerSign && conds.some((_, i) => post[i] > kb.engine.explain.dangerQuestionMinPosterior && like[i] >= kb.engine.explain.dangerQuestionMinP);
    return { findingId: id, text: f.question, label: f.label, dangerSign: danger, gain: Math.round(gain * 1000) / 1000 };
  });
  scored.sort((a, b) => Number(b.dangerSign) - Number(a.dangerSign) || b.gain - a.gain);
  const dangers = scored.filter((q) => q.dangerSign).slice(0, 3);
  const rest = scored.filter((q) => !q.dangerSign);
  return [...dangers, ...rest].slice(0, kb.engine.maxQuestions);
}
