// View-models for the record pages: a case's history and reviews, the review form, the case list and the referral letter.
import type { KnowledgeBase } from '../knowledge/types.ts';
import type { StoredAssessment, VersionSummary } from '../storage/assessments.ts';
import type { CaseRow } from '../storage/cases.ts';
import { DISPOSITIONS, type Review } from '../storage/reviews.ts';
import { type ConditionHit, datalistLabel } from './conditions.ts';

export const pct = (p: number) => (p >= 0.995 ? '>99%' : p < 0.01 ? '<1%' : `${Math.round(p * 100)}%`);
const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** Each version of the case with how its leading conditions moved since the version before. */
export function historyModel(versions: VersionSummary[], currentId: string) {
  return versions.map((v, i) => {
    const prev = new Map((versions[i - 1]?.top ?? []).map((t) => [t.id, t.probability]));
    return {
      id: v.id, version: v.version, at: when(v.createdAt), triage: v.triage, current: v.id === currentId,
      top: v.top.slice(0, 3).map((t) => {
        const before = prev.get(t.id);
        const move = i === 0 ? '' : before === undefined ? 'new' : t.probability > before + 0.005 ? `↑ from ${pct(before)}` : t.probability < before - 0.005 ? `↓ from ${pct(before)}` : 'unchanged';
        return { name: t.name, pct: pct(t.probability), move };
      }),
    };
  });
}

export function reviewsModel(reviews: Review[]) {
  return reviews.map((r) => ({
    diagnosis: r.diagnosis, icd10: r.icd10, disposition: DISPOSITIONS[r.disposition], note: r.note, reviewer: r.reviewer, at: when(r.createdAt),
    agreement: r.agreedRank === 1 ? 'agreed with the top condition' : r.agreedRank ? `chose condition ${r.agreedRank} of the differential` : 'a condition not in the differential',
  }));
}

export function reviewFormModel(a: StoredAssessment, kb: KnowledgeBase, q: string, hits: ConditionHit[], errors: string[] = []) {
  return {
    listed: a.opinion.differential.slice(0, 10).map((d) => ({ value: `cond:${d.condition.id}`, name: d.condition.name, icd10: d.condition.icd10, pct: pct(d.probability) })),
    q, searched: q.length > 0, hits,
    datalist: kb.conditionList.map((c) => datalistLabel(c.name, c.icd10[0])),
    dispositions: Object.entries(DISPOSITIONS).map(([value, label]) => ({ value, label })),
    errors: errors.length ? errors : undefined,
  };
}

export function casesModel(rows: CaseRow[], query: Record<string, string>, nextHref: string | undefined) {
  return {
    title: 'Cases',
    q: query,
    triageOptions: ['emergency', 'urgent', 'routine', 'self-care'].map((l) => ({ value: l, selected: query.triage === l })),
    reviewedYes: query.reviewed === 'yes', reviewedNo: query.reviewed === 'no',
    rows: rows.map((r) => ({ ...r, at: when(r.createdAt), updated: r.updatedAt ? when(r.updatedAt) : '', reviewedText: r.reviewed ? 'yes' : 'no' })),
    nextHref,
    filtered: Object.values(query).some(Boolean),
  };
}
