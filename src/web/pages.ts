// The browser pages: symptom entry, the stored opinion (with its review form, reviews and case history), and the posts that link them.
import { type Response, Router } from 'express';
import type { WebDeps } from '../app.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { StoredAssessment } from '../storage/assessments.ts';
import { formAnswers, withAnswers } from './answers.ts';
import { actorOf, requirePage, viewerOf } from './auth.ts';
import { type FormValues, formToCase } from './form.ts';
import { speakerOf } from './i18n.ts';
import { historyModel, reviewFormModel, reviewsModel } from './record-models.ts';
import { entryModel, opinionModel } from './view-models.ts';
import { sendPage } from './views.ts';

/** The opinion page; the review form shows search results for `q` and any errors from a rejected review. */
export function opinionPage(deps: WebDeps, res: Response, a: StoredAssessment, q: string, errors: string[] = [], status = 200): void {
  const hits = q ? deps.conditions(q) : [];
  const s = speakerOf(res);
  sendPage(res, deps.render, 'opinion', {
    ...opinionModel(a, deps.kb, s),
    reference: a.reference,
    review: reviewFormModel(a, deps.kb, s, q, hits, errors),
    reviews: reviewsModel(deps.reviews.forAssessment(a.id), s),
    history: historyModel(deps.store.versions(a.caseId), a.id, s, deps.kb),
  }, status);
}

export function pagesRouter(deps: WebDeps): Router {
  const r = Router();
  r.get('/', requirePage('assess'), (_req, res) => { sendPage(res, deps.render, 'entry', entryModel(deps.kb, speakerOf(res))); });
  r.post('/assessments', requirePage('assess'), async (req, res) => {
    let parsed;
    try {
      parsed = formToCase(req.body, deps.kb);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      // The form comes back with everything the user typed and a message beside each field that needs fixing.
      const values = ((e as ValidationError & { values?: FormValues }).values ?? req.body ?? {}) as Partial<FormValues>;
      sendPage(res, deps.render, 'entry', entryModel(deps.kb, speakerOf(res), values, e.issues), 400);
      return;
    }
    const opinion = await deps.assess(parsed.input);
    const viewer = viewerOf(res);
    const stored = deps.store.create(parsed.input, opinion, parsed.caseId, { reference: parsed.reference, createdBy: viewer.userId });
    deps.audit.append(actorOf(res), 'assessment.create', stored.id);
    deps.logger.info('assessment created', { id: stored.id, via: 'form', triage: opinion.triage.level, ms: opinion.timings.totalMs });
    res.redirect(303, `/assessments/${stored.id}`);
  });
  r.post('/assessments/:id/answers', requirePage('assess'), async (req, res) => {
    const prev = deps.store.get(String(req.params.id));
    const body = formAnswers(req.body);
    if (!body.answers.length) { res.redirect(303, `/assessments/${String(req.params.id)}`); return; }
    const input = withAnswers(prev, body, deps.kb);
    const opinion = await deps.assess(input);
    const stored = deps.store.create(input, opinion, prev!.caseId, { createdBy: viewerOf(res).userId });
    deps.audit.append(actorOf(res), 'assessment.create', stored.id);
    deps.logger.info('assessment updated', { id: stored.id, via: 'form', version: stored.version, triage: opinion.triage.level });
    res.redirect(303, `/assessments/${stored.id}`);
  });
  r.get('/assessments/:id', requirePage('view'), (req, res) => {
    const a = deps.store.get(String(req.params.id));
    if (!a) throw new NotFoundError('Assessment');
    deps.audit.append(actorOf(res), 'assessment.view', a.id);
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 100) : '';
    opinionPage(deps, res, a, q);
  });
  return r;
}
