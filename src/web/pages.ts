// The browser pages: symptom entry, the stored opinion, and the form post that links them (works without JavaScript).
import { Router } from 'express';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { AppDeps } from '../app.ts';
import { formAnswers, withAnswers } from './answers.ts';
import { type FormValues, formToCase } from './form.ts';
import { entryModel, opinionModel } from './view-models.ts';

export function pagesRouter(deps: AppDeps): Router {
  const r = Router();
  r.get('/', (_req, res) => { res.type('html').send(deps.render('entry', entryModel(deps.kb))); });
  r.post('/assessments', async (req, res) => {
    let parsed;
    try {
      parsed = formToCase(req.body, deps.kb);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      // The form comes back with everything the user typed and a message beside each field that needs fixing.
      const values = ((e as ValidationError & { values?: FormValues }).values ?? req.body ?? {}) as Partial<FormValues>;
      res.status(400).type('html').send(deps.render('entry', entryModel(deps.kb, values, e.issues)));
      return;
    }
    const opinion = await deps.assess(parsed.input);
    const stored = deps.store.create(parsed.input, opinion, parsed.caseId);
    deps.logger.info('assessment created', { id: stored.id, via: 'form', triage: opinion.triage.level, ms: opinion.timings.totalMs });
    res.redirect(303, `/assessments/${stored.id}`);
  });
  r.post('/assessments/:id/answers', async (req, res) => {
    const prev = deps.store.get(req.params.id);
    const body = formAnswers(req.body);
    if (!body.answers.length) { res.redirect(303, `/assessments/${req.params.id}`); return; }
    const input = withAnswers(prev, body, deps.kb);
    const opinion = await deps.assess(input);
    const stored = deps.store.create(input, opinion, prev!.caseId);
    deps.logger.info('assessment updated', { id: stored.id, via: 'form', version: stored.version, triage: opinion.triage.level });
    res.redirect(303, `/assessments/${stored.id}`);
  });
  r.get('/assessments/:id', (req, res) => {
    const a = deps.store.get(req.params.id);
    if (!a) throw new NotFoundError('Assessment');
    res.type('html').send(deps.render('opinion', opinionModel(a)));
  });
  return r;
}
