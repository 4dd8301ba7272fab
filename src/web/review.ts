// The clinician's review of an opinion: a final diagnosis (listed, searched or typed), a disposition and a note — a new record, never an edit.
import { Router } from 'express';
import { z } from 'zod';
import type { WebDeps } from '../app.ts';
import { NotFoundError } from '../errors.ts';
import { DISPOSITIONS, type Disposition } from '../storage/reviews.ts';
import { requirePage, viewerOf } from './auth.ts';
import { resolveDiagnosis } from './conditions.ts';
import { speakerOf } from './i18n.ts';
import { opinionPage } from './pages.ts';

export const ReviewForm = z.object({
  choice: z.string().max(200).default(''),
  other: z.string().max(200).default(''),
  disposition: z.enum(Object.keys(DISPOSITIONS) as [Disposition, ...Disposition[]], { error: 'Choose what was done (the disposition)' }),
  note: z.string().max(2000, 'The note must be at most 2000 characters').default(''),
});

export function reviewRouter(deps: WebDeps): Router {
  const r = Router();
  r.post('/assessments/:id/review', requirePage('review'), (req, res) => {
    const a = deps.store.get(String(req.params.id));
    if (!a) throw new NotFoundError('Assessment');
    const f = ReviewForm.safeParse(req.body ?? {});
    const dx = f.success ? resolveDiagnosis(deps.kb, f.data.choice, f.data.other) : undefined;
    if (!f.success || !dx) {
      const s = speakerOf(res);
      // In Chinese the zod messages are replaced by the field's own message; English keeps the schema's wording.
      const say = (i: { path: PropertyKey[]; message: string }) => (!s.zh ? i.message : i.path[0] === 'disposition' ? s.t('review.pickDisposition') : i.path[0] === 'note' ? s.t('review.noteTooLong') : i.message);
      const errors = [...(f.success ? [] : f.error.issues.map(say)), ...(dx || !f.success ? [] : [s.t('review.pickCondition')])];
      opinionPage(deps, res, a, '', errors, 400);
      return;
    }
    const rank = a.opinion.differential.find((d) => (dx.conditionId && d.condition.id === dx.conditionId) || (dx.icd10 && d.condition.icd10 === dx.icd10))?.rank ?? null;
    const viewer = viewerOf(res);
    const review = deps.reviews.create({
      assessmentId: a.id, caseId: a.caseId, userId: viewer.userId, ...dx, agreedRank: rank,
      topCondition: a.opinion.differential[0]?.condition.id ?? null, disposition: f.data.disposition, note: f.data.note.trim(),
    });
    deps.audit.append(`user:${viewer.username}`, 'review.create', review.id);
    deps.logger.info('review created', { id: review.id, assessment: a.id, agreedRank: rank });
    res.redirect(303, `/assessments/${a.id}#reviews`);
  });
  return r;
}
