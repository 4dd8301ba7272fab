// The JSON API (see DESIGN.md): assessments, condition search, a case as FHIR, knowledge summary — every call with a bearer token.
import { Router } from 'express';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { StoredAssessment } from '../storage/assessments.ts';
import type { WebDeps } from '../app.ts';
import { withAnswers } from './answers.ts';
import { actorOf, requireApi } from './auth.ts';
import { caseBundle } from './fhir.ts';
import { issuesOf, toCaseInput } from './intake.ts';

/** The contract's record: the opinion plus its id, case and version. */
export function assessmentJson(a: StoredAssessment) {
  const { timings: _t, ...opinion } = a.opinion;
  return { id: a.id, caseId: a.caseId, version: a.version, createdAt: a.createdAt, reference: a.reference ?? null, input: a.input, ...opinion };
}

const ConditionQuery = z.object({ q: z.string().trim().min(2, 'q must be at least 2 characters').max(100), limit: z.coerce.number().int().min(1).max(50).default(20) });

export function apiRouter(deps: WebDeps): Router {
  const r = Router();
  r.post('/assessments', requireApi('assess'), async (req, res) => {
    const { input, caseId, reference } = toCaseInput(req.body, deps.kb);
    const opinion = await deps.assess(input);
    const stored = deps.store.create(input, opinion, caseId, { reference });
    deps.audit.append(actorOf(res), 'assessment.create', stored.id);
    deps.logger.info('assessment created', { id: stored.id, findings: opinion.findings.length, triage: opinion.triage.level, ms: opinion.timings.totalMs });
    res.status(201).location(`/api/v1/assessments/${stored.id}`).json(assessmentJson(stored));
  });
  r.get('/assessments/:id', requireApi('view'), (req, res) => {
    const a = deps.store.get(String(req.params.id));
    if (!a) throw new NotFoundError('Assessment');
    deps.audit.append(actorOf(res), 'assessment.view', a.id);
    res.json(assessmentJson(a));
  });
  // Answering suggested questions makes a new version of the same case; the earlier opinion is never changed.
  r.post('/assessments/:id/answers', requireApi('assess'), async (req, res) => {
    const prev = deps.store.get(String(req.params.id));
    const input = withAnswers(prev, req.body, deps.kb);
    const opinion = await deps.assess(input);
    const stored = deps.store.create(input, opinion, prev!.caseId);
    deps.audit.append(actorOf(res), 'assessment.create', stored.id);
    deps.logger.info('assessment updated', { id: stored.id, case: stored.caseId, version: stored.version, triage: opinion.triage.level });
    res.status(201).location(`/api/v1/assessments/${stored.id}`).json(assessmentJson(stored));
  });
  r.get('/conditions', requireApi('view'), (req, res) => {
    const q = ConditionQuery.safeParse(req.query);
    if (!q.success) throw new ValidationError('The search is not valid', issuesOf(q.error));
    res.json({ query: q.data.q, conditions: deps.conditions(q.data.q, q.data.limit) });
  });
  r.get('/cases/:id/fhir', requireApi('view'), (req, res) => {
    const a = deps.store.latestOf(String(req.params.id));
    if (!a) throw new NotFoundError('Case');
    deps.audit.append(actorOf(res), 'export.fhir', a.caseId);
    res.type('application/fhir+json').send(JSON.stringify(caseBundle(a, deps.reviews.latestForCase(a.caseId))));
  });
  r.get('/knowledge', (_req, res) => {
    const kb = deps.kb;
    res.json({
      name: kb.manifest.name, version: kb.manifest.version, released: kb.manifest.released,
      counts: { conditions: kb.conditions.size, findings: kb.findings.size, redFlags: kb.redFlags.length, scores: kb.scores.length, vitalRules: kb.vitalRules.length, contextRules: kb.contextRules.length },
    });
  });
  r.use((_req, _res) => { throw new NotFoundError('That API endpoint'); });
  return r;
}
