// View-models for the record pages: a case's history and reviews, the review form, the case list and the referral letter.
import type { KnowledgeBase } from '../knowledge/types.ts';
import type { StoredAssessment, VersionSummary } from '../storage/assessments.ts';
import type { CaseRow } from '../storage/cases.ts';
import { DISPOSITIONS, type Review } from '../storage/reviews.ts';
import { type ConditionHit, datalistLabel } from './conditions.ts';
import { kbLabels, type Speaker } from './i18n.ts';
import { pct } from './view-models.ts';

export { pct };
const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** Each version of the case with how its leading conditions moved since the version before. */
export function historyModel(versions: VersionSummary[], currentId: string, s: Speaker, kb: KnowledgeBase) {
  const label = kbLabels(kb, s);
  return versions.map((v, i) => {
    const prev = new Map((versions[i - 1]?.top ?? []).map((t) => [t.id, t.probability]));
    return {
      id: v.id, version: v.version, at: when(v.createdAt), triage: s.t(`triage.${v.triage}.label`), current: v.id === currentId,
      top: v.top.slice(0, 3).map((t) => {
        const before = prev.get(t.id);
        const move = i === 0 ? '' : before === undefined ? s.t('history.new') : t.probability > before + 0.005 ? s.t('history.up', { pct: pct(before) }) : t.probability < before - 0.005 ? s.t('history.down', { pct: pct(before) }) : s.t('history.same');
        return { name: label.condition(t.id, s.zh ? undefined : t.name), pct: pct(t.probability), move };
      }),
    };
  });
}

export function reviewsModel(reviews: Review[], s: Speaker) {
  return reviews.map((r) => ({
    diagnosis: r.diagnosis, icd10: r.icd10, disposition: s.zh ? s.t(`disposition.${r.disposition}`) : DISPOSITIONS[r.disposition], note: r.note, reviewer: r.reviewer, at: when(r.createdAt),
    by: s.t('review.by', { who: r.reviewer, at: when(r.createdAt) }), reviewedBy: s.t('letter.reviewedBy', { who: r.reviewer, at: when(r.createdAt) }),
    agreement: r.agreedRank === 1 ? s.t('review.agreedTop') : r.agreedRank ? s.t('review.chose', { rank: r.agreedRank }) : s.t('review.notListed'),
  }));
}

export function reviewFormModel(a: StoredAssessment, kb: KnowledgeBase, s: Speaker, q: string, hits: ConditionHit[], errors: string[] = []) {
  const label = kbLabels(kb, s);
  return {
    listed: a.opinion.differential.slice(0, 10).map((d) => ({ value: `cond:${d.condition.id}`, name: label.condition(d.condition.id, s.zh ? undefined : d.condition.name), icd10: d.condition.icd10, pct: pct(d.probability) })),
    q, searched: q.length > 0, hits,
    datalist: kb.conditionList.map((c) => datalistLabel(c.name, c.icd10[0])),
    dispositions: Object.entries(DISPOSITIONS).map(([value, text]) => ({ value, label: s.zh ? s.t(`disposition.${value}`) : text })),
    errors: errors.length ? errors : undefined,
  };
}

export function casesModel(rows: CaseRow[], query: Record<string, string>, nextHref: string | undefined, s: Speaker) {
  return {
    titleKey: 'cases.title',
    q: query,
    triageOptions: ['emergency', 'urgent', 'routine', 'self-care'].map((l) => ({ value: l, label: s.t(`triage.${l}.label`), selected: query.triage === l })),
    reviewedYes: query.reviewed === 'yes', reviewedNo: query.reviewed === 'no',
    rows: rows.map((r) => ({ ...r, triageText: r.triage ? s.t(`triage.${r.triage}.label`) : "", at: when(r.createdAt), updated: r.updatedAt ? when(r.updatedAt) : '', reviewedText: r.reviewed ? s.t('common.yes') : s.t('common.no') })),
    nextHref,
    filtered: Object.values(query).some(Boolean),
  };
}
