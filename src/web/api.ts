// The JSON API (see DESIGN.md): assessments, knowledge summary.
import { Router } from 'express';
import { NotFoundError } from '../errors.ts';
import type { StoredAssessment } from '../storage/assessments.ts';
import type { AppDeps } from '../app.ts';
import { withAnswers } from './answers.ts';
import { toCaseInput } from './intake.ts';

/** The contract's record: the opinion plus its id, case and version. */
export function assessmentJson(a: StoredAssessment) {
  const { timings: _t, ...opinion } = a.opinion;
  return { id: a.id, caseId: a.caseId, version: a.version, createdAt: a.createdAt, input: a.input, ...opinion };
}

export function apiRouter(deps: AppDeps): Router {
  const r = Router();
  r.post('/assessments', async (req, res) => {
    const { input, caseId } = toCaseInput(req.body, deps.kb);
    const opinion = await deps.assess(input);
    const stored = deps.store.create(input, opinion, caseId);
    deps.logger.info('assessment created', { id: stored.id, findings: opinion.findings.length, triage: opinion.triage.level, ms: opinion.timings.totalMs });
    res.status(201).location(`/api/v1/assessments/${stored.id}`).json(assessmentJson(stored));
  });
  r.get('/assessments/:id', (req, res) => {
    const a = deps.store.get(req.params.id);
    if (!a) throw new NotFoundError('Assessment');
    res.json(assessmentJson(a));
  });
  // Answering suggested questions makes a new version of the same case; the earlier opinion is never changed.
  r.post('/assessments/:id/answers', async (req, res) => {
    const prev = deps.store.get(req.params.id);
    const input = withAnswers(prev, req.body, deps.kb);
    const opinion = await deps.assess(input);
    const stored = deps.store.create(input, opinion, prev!.caseId);
    deps.logger.info('assessment updated', { id: stored.id, case: stored.caseId, version: stored.version, triage: opinion.triage.level });
    res.status(201).location(`/api/v1/assessments/${stored.id}`).json(assessmentJson(stored));
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
