// The triage level: the most urgent of red flags, can't-miss conditions above threshold, likely conditions' dispositions and scores.
import type { RedFlag, TriageLevel } from '../../knowledge/schema.ts';
import type { KnowledgeBase } from '../../knowledge/types.ts';
import type { CaseFinding, Ranked, Score } from '../types.ts';

const ORDER: TriageLevel[] = ['self-care', 'routine', 'urgent', 'emergency'];
export const moreUrgent = (a: TriageLevel, b: TriageLevel) => (ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b);
export const triageRank = (l: TriageLevel) => ORDER.indexOf(l);

export function triage(redFlags: readonly RedFlag[], ranked: readonly Ranked[], scores: readonly Score[], kb: KnowledgeBase, findings: readonly CaseFinding[] = []): { level: TriageLevel; reasons: string[] } {
  const { engine } = kb;
  let level: TriageLevel = 'self-care';
  const reasons: string[] = [];
  const raise = (to: TriageLevel, why: string) => {
    if (triageRank(to) > triageRank(level)) { level = to; reasons.unshift(why); } else if (to === level) reasons.push(why);
  };
  for (const r of redFlags) raise(r.level, `Danger sign: ${r.label}. ${r.why}`);
  // A finding the knowledge base marks as a danger sign counts even when no rule names it in this combination.
  for (const f of findings) {
    const def = kb.findings.get(f.id);
    if (f.status === 'present' && def?.dangerSign) raise(engine.dangerSignLevel, `Danger sign: ${def.label}.`);
  }
  ranked.forEach((r, i) => {
    const c = kb.conditions.get(r.conditionId)!;
    const pct = `${Math.round(r.probability * 100)}%`;
    if (c.cantMiss && r.probability >= engine.cantMissThreshold) raise(c.disposition, `${c.name} cannot be ruled out (${pct}) and must not be missed: ${c.disposition}.`);
    // The leading condition and any other likely one set the floor with their usual level of care.
    else if (i === 0 || r.probability >= engine.dispositionThreshold) raise(c.disposition, `${c.name} (${pct}) usually needs ${c.disposition === 'self-care' ? 'only home care' : `${c.disposition} care`}.`);
  });
  for (const s of scores) if (s.triage) raise(s.triage, `${s.name} ${s.points}: ${s.interpretation}`);
  const top = ranked[0]?.probability ?? 0;
  if (level === 'self-care' && top < engine.selfCareMinConfidence) raise('routine', `The picture is not clear enough for home care alone (leading condition ${Math.round(top * 100)}%): a clinician should see the patient.`);
  return { level, reasons: reasons.slice(0, 6) };
}
