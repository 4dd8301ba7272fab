// Clinicians' reviews: a separate record linked to an assessment (who, when, final diagnosis, disposition, note); the opinion is never changed.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from './db.ts';

export const DISPOSITIONS = {
  'refer-emergency': 'Referred as an emergency',
  'refer-urgent': 'Referred urgently',
  'refer-routine': 'Referred routinely',
  'treat-follow-up': 'Treated here, follow-up arranged',
  'self-care': 'Home care with safety-netting advice',
} as const;
export type Disposition = keyof typeof DISPOSITIONS;

export type NewReview = {
  assessmentId: string; caseId: string; userId: string;
  conditionId: string | null; icd10: string | null; diagnosis: string;
  /** Where the final diagnosis stood in the opinion's differential (1 = top), null when it was not listed. */
  agreedRank: number | null; topCondition: string | null;
  disposition: Disposition; note: string;
};
export type Review = NewReview & { id: string; createdAt: string; reviewer: string };

const Row = z.object({
  id: z.string(), assessment_id: z.string(), case_id: z.string(), user_id: z.string(), created_at: z.string(), condition_id: z.string().nullable(),
  icd10: z.string().nullable(), diagnosis: z.string(), agreed_rank: z.number().int().nullable(), top_condition: z.string().nullable(),
  disposition: z.enum(Object.keys(DISPOSITIONS) as [Disposition, ...Disposition[]]), note: z.string(), reviewer: z.string(),
});
const toReview = (raw: unknown): Review => {
  const r = Row.parse(raw);
  return {
    id: r.id, assessmentId: r.assessment_id, caseId: r.case_id, userId: r.user_id, createdAt: r.created_at, conditionId: r.condition_id, icd10: r.icd10,
    diagnosis: r.diagnosis, agreedRank: r.agreed_rank, topCondition: r.top_condition, disposition: r.disposition, note: r.note, reviewer: r.reviewer,
  };
};

export type ReviewStore = {
  create(r: NewReview): Review;
  forAssessment(assessmentId: string): Review[];
  forCase(caseId: string): Review[];
  latestForCase(caseId: string): Review | undefined;
};

export function createReviewStore(db: Db): ReviewStore {
  const insert = db.prepare(`INSERT INTO reviews (id, assessment_id, case_id, user_id, created_at, condition_id, icd10, diagnosis, agreed_rank, top_condition, disposition, note)
    VALUES (@id, @assessmentId, @caseId, @userId, @createdAt, @conditionId, @icd10, @diagnosis, @agreedRank, @topCondition, @disposition, @note)`);
  const mark = db.prepare('UPDATE cases SET reviewed = 1 WHERE id = ?');
  const select = 'SELECT r.*, u.username AS reviewer FROM reviews r JOIN users u ON u.id = r.user_id';
  const byId = db.prepare(`${select} WHERE r.id = ?`);
  const byAssessment = db.prepare(`${select} WHERE r.assessment_id = ? ORDER BY r.created_at, r.rowid`);
  const byCase = db.prepare(`${select} WHERE r.case_id = ? ORDER BY r.created_at, r.rowid`);
  const create = db.transaction((r: NewReview) => {
    const id = randomUUID();
    insert.run({ ...r, id, createdAt: new Date().toISOString() });
    mark.run(r.caseId);
    return toReview(byId.get(id));
  });
  return {
    create: (r) => create(r),
    forAssessment: (id) => byAssessment.all(id).map(toReview),
    forCase: (id) => byCase.all(id).map(toReview),
    latestForCase: (id) => byCase.all(id).map(toReview).at(-1),
  };
}
