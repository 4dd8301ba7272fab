// The records pages: the searchable case list, a case as CSV, and the printable referral letter.
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { StoredAssessment } from '../storage/assessments.ts';
import { actorOf, requirePage } from './auth.ts';
import { caseCsv } from './csv.ts';
import { issuesOf } from './intake.ts';
import { speakerOf } from './i18n.ts';
import { casesModel, reviewsModel } from './record-models.ts';
import { opinionModel } from './view-models.ts';
import { sendPage } from './views.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Dates look like 2025-01-31').or(z.literal('')).default('');
export const CaseQuery = z.object({
  from: date, to: date,
  ref: z.string().trim().max(64).default(''),
  triage: z.enum(['', 'emergency', 'urgent', 'routine', 'self-care']).default(''),
  dx: z.string().trim().max(100).default(''),
  reviewed: z.enum(['', 'yes', 'no']).default(''),
  after: z.string().regex(/^[0-9T:.Z-]+\|[0-9a-f-]{36}$/).optional(),
});
export const PAGE_SIZE = 50;

export function recordsRouter(deps: AppDeps): Router {
  const r = Router();
  r.get('/cases', requirePage('view'), (req, res) => {
    const p = CaseQuery.safeParse(req.query);
    if (!p.success) throw new ValidationError('The search is not valid', issuesOf(p.error));
    const q = p.data;
    const [afterAt, afterId] = q.after?.split('|') ?? [];
    const { rows, next } = deps.cases.list({
      from: q.from || undefined, to: q.to || undefined, reference: q.ref || undefined, triage: q.triage || undefined, dx: q.dx || undefined,
      reviewed: q.reviewed === '' ? undefined : q.reviewed === 'yes', after: q.after ? { createdAt: afterAt, id: afterId } : undefined, limit: PAGE_SIZE,
    });
    const { after: _a, ...filters } = q;
    const kept = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== ''));
    const nextHref = next ? `/cases?${new URLSearchParams({ ...kept, after: `${next.createdAt}|${next.id}` }).toString()}` : undefined;
    deps.audit.append(actorOf(res), 'case.list', null);
    sendPage(res, deps.render, 'cases', casesModel(rows, filters, nextHref, speakerOf(res)));
  });

  r.get('/cases/:id.csv', requirePage('view'), (req, res) => {
    const versions = deps.store.versions(String(req.params.id));
    if (!versions.length) throw new NotFoundError('Case');
    const all = versions.map((v) => deps.store.get(v.id)).filter((a): a is StoredAssessment => !!a);
    deps.audit.append(actorOf(res), 'export.csv', String(req.params.id));
    res.type('text/csv; charset=utf-8').attachment(`case-${String(req.params.id)}.csv`).send(caseCsv(all, deps.reviews.forCase(String(req.params.id))));
  });

  r.get('/assessments/:id/letter', requirePage('view'), (req, res) => {
    const a = deps.store.get(String(req.params.id));
    if (!a) throw new NotFoundError('Assessment');
    deps.audit.append(actorOf(res), 'export.letter', a.id);
    const s = speakerOf(res);
    const o = opinionModel(a, deps.kb, s);
    sendPage(res, deps.render, 'letter', {
      ...o, titleKey: 'letter.title', reference: a.reference, today: new Date().toISOString().slice(0, 10),
      differential: o.differential.slice(0, 5), present: o.present.slice(0, 20), absent: o.absent.slice(0, 12),
      reviews: reviewsModel(deps.reviews.forAssessment(a.id), s).slice(-1),
      disclaimer: s.t('letter.disclaimer', o.provenance),
    }, 200, 'print');
  });
  return r;
}
