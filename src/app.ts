// createApp(deps): the express application without listen — what main.ts serves and the tests drive.
import express, { type NextFunction, type Request, type Response } from 'express';
import path from 'node:path';
import type { ScryptParams } from './auth/passwords.ts';
import type { SetupGate } from './auth/setup-gate.ts';
import { ROOT } from './config.ts';
import { NotFoundError } from './errors.ts';
import { createFindingSearch, type FindingSearch } from './knowledge/finding-search.ts';
import type { KnowledgeBase } from './knowledge/types.ts';
import type { Logger } from './logger.ts';
import { buildTextIndex, type TextIndex } from './pipeline/parse/note.ts';
import type { CaseInput, Opinion } from './pipeline/types.ts';
import type { Learning } from './storage/learning.ts';
import type { Stores } from './storage/stores.ts';
import { adminRouter } from './web/admin.ts';
import { type ConditionSearch, createConditionSearch } from './web/conditions.ts';
import { apiRouter } from './web/api.ts';
import { apiAuth, checkCsrf, loadSession, requireLogin, tokenOrSession } from './web/auth.ts';
import { assistRouter } from './web/assist.ts';
import { languageMiddleware, langRoute, loadLocales } from './web/i18n.ts';
import { staticFiles } from './web/static.ts';
import { errorHandler } from './web/errors.ts';
import { loginRouter } from './web/login.ts';
import { pagesRouter } from './web/pages.ts';
import { recordsRouter } from './web/records.ts';
import { reviewRouter } from './web/review.ts';
import type { Render } from './web/views.ts';

export type Readiness = { knowledge: boolean; model: boolean; database: boolean };

export type Security = {
  /** Mark cookies Secure even on plain http (behind a TLS-terminating proxy). */
  cookieSecure: boolean;
  sessionHours: number;
  loginPerMinute: number;
  apiPerMinute: number;
  /** scrypt cost for new password hashes; the default when absent. */
  scrypt?: ScryptParams;
};

export type AppDeps = Stores & {
  kb: KnowledgeBase;
  logger: Logger;
  render: Render;
  assess: (input: CaseInput) => Promise<Opinion>;
  readiness: () => Readiness;
  bodyLimit: string;
  versions: { app: string; knowledge: string; model: string };
  security: Security;
  setup: SetupGate;
  learning: () => Learning;
  /** Milliseconds since the epoch; tests move it to expire sessions and lockouts. */
  clock: () => number;
  /** The note parser's index (the same one `assess` uses); built from `kb` when not given. */
  text?: TextIndex;
};

/** What the routers get: the deps plus what createApp builds once from them. */
export type WebDeps = AppDeps & { conditions: ConditionSearch; findings: FindingSearch; text: TextIndex };

export function createApp(appDeps: AppDeps) {
  const deps: WebDeps = { ...appDeps, conditions: createConditionSearch(appDeps.kb), findings: createFindingSearch(appDeps.kb), text: appDeps.text ?? buildTextIndex(appDeps.kb) };
  const locales = loadLocales(path.join(ROOT, 'locales'));
  const statics = staticFiles(path.join(ROOT, 'views', 'static'));
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
  app.use(languageMiddleware(locales), (_req: Request, res: Response, next: NextFunction) => { res.locals.assets = statics.assets; next(); });
  app.use('/static', statics.serve);
  app.get('/lang/:code', langRoute(deps.security.cookieSecure));
  app.get('/healthz', (_req, res) => {
    const r = deps.readiness();
    const ready = r.knowledge && r.model && r.database;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'starting', checks: r, versions: deps.versions });
  });
  // The API: the token is checked before the body is read. The entry page's helpers (finding search, note parsing) also take a session.
  const tokens = apiAuth(deps);
  app.use('/api/v1', assistRouter(deps, tokenOrSession(deps, tokens)));
  app.use('/api/v1', tokens, express.json({ limit: deps.bodyLimit, strict: true }), apiRouter(deps));
  // Pages: session, then the CSRF check on every POST, then the open pages, then everything else behind a login.
  app.use(express.urlencoded({ extended: false, limit: deps.bodyLimit, parameterLimit: 500 }), loadSession(deps), checkCsrf());
  app.use((_req: Request, res: Response, next: NextFunction) => { res.set('Cache-Control', 'no-store'); next(); });
  app.use(loginRouter(deps));
  app.use(requireLogin());
  app.use(pagesRouter(deps), reviewRouter(deps), recordsRouter(deps), adminRouter(deps));
  app.use((_req: Request, _res: Response) => { throw new NotFoundError('That page'); });
  app.use(errorHandler(deps.logger, deps.render));
  return app;
}
