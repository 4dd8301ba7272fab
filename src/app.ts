// createApp(deps): the express application without listen — what main.ts serves and the tests drive.
import express, { type NextFunction, type Request, type Response } from 'express';
import path from 'node:path';
import { ROOT } from './config.ts';
import type { KnowledgeBase } from './knowledge/types.ts';
import type { Logger } from './logger.ts';
import type { CaseInput, Opinion } from './pipeline/types.ts';
import type { AssessmentStore } from './storage/assessments.ts';
import { apiRouter } from './web/api.ts';
import { errorHandler } from './web/errors.ts';
import { pagesRouter } from './web/pages.ts';
import type { Render } from './web/views.ts';
import { NotFoundError } from './errors.ts';

export type Readiness = { knowledge: boolean; model: boolean; database: boolean };

export type AppDeps = {
  kb: KnowledgeBase;
  store: AssessmentStore;
  logger: Logger;
  render: Render;
  assess: (input: CaseInput) => Promise<Opinion>;
  readiness: () => Readiness;
  bodyLimit: string;
  versions: { app: string; knowledge: string; model: string };
};

export function createApp(deps: AppDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.set({
      'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
      'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY', 'Cross-Origin-Opener-Policy': 'same-origin',
    });
    next();
  });
  app.use('/static', express.static(path.join(ROOT, 'views', 'static'), { maxAge: '1d', fallthrough: false }));
  app.get('/healthz', (_req, res) => {
    const r = deps.readiness();
    const ready = r.knowledge && r.model && r.database;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'starting', checks: r, versions: deps.versions });
  });
  app.use('/api/v1', express.json({ limit: deps.bodyLimit, strict: true }), apiRouter(deps));
  app.use(express.urlencoded({ extended: false, limit: deps.bodyLimit, parameterLimit: 500 }), pagesRouter(deps));
  app.use((_req: Request, _res: Response) => { throw new NotFoundError('That page'); });
  app.use(errorHandler(deps.logger, deps.render));
  return app;
}
