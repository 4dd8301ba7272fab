// Who is asking: the session cookie for pages (with its CSRF check on every POST), a bearer token for the API; and what they may do.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AppDeps } from '../app.ts';
import { can, type Permission, type Role, TOKEN_GRANTS } from '../auth/roles.ts';
import { createRateLimiter } from '../auth/rate-limit.ts';
import { randomSecret, sameSecret } from '../auth/secrets.ts';
import { AppError, ForbiddenError, TooManyRequestsError, UnauthorizedError } from '../errors.ts';
import { PRE_COOKIE, readCookies, SESSION_COOKIE, setCookie } from './cookies.ts';
import type { Viewer } from './views.ts';

/** The actor's name as the audit trail records it. */
export const actorOf = (res: Response): string => (res.locals.viewer ? `user:${(res.locals.viewer as Viewer).username}` : res.locals.token ? `token:${res.locals.token.name}` : 'anonymous');

export const viewerOf = (res: Response): Viewer => {
  const v = res.locals.viewer as Viewer | undefined;
  if (!v) throw new UnauthorizedError('Sign in first');
  return v;
};

/** Loads the session named by the cookie (if live) into res.locals.viewer, and the token every form must carry into res.locals.csrf. */
export function loadSession(deps: AppDeps): RequestHandler {
  return (req, res, next) => {
    const cookies = readCookies(req);
    const sid = cookies[SESSION_COOKIE];
    const s = sid ? deps.sessions.get(sid, deps.clock()) : undefined;
    if (s) {
      const viewer: Viewer = { userId: s.userId, username: s.username, role: s.role, canReview: can(s.role, 'review'), canAdmin: can(s.role, 'admin') };
      res.locals.viewer = viewer;
      res.locals.sessionId = sid;
      res.locals.csrf = s.csrf;
    } else {
      res.locals.csrf = cookies[PRE_COOKIE];
    }
    next();
  };
}

/** Before sign-in, the login and setup forms get their CSRF token from a cookie made here. */
export function ensurePreToken(deps: AppDeps, req: Request, res: Response): void {
  if (res.locals.csrf) return;
  const t = randomSecret(24);
  setCookie(req, res, PRE_COOKIE, t, deps.security.cookieSecure);
  res.locals.csrf = t;
}

/** Every state-changing form post must echo the session's (or, before sign-in, the cookie's) CSRF token. */
export function checkCsrf(): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST') { next(); return; }
    const sent = (req.body as Record<string, unknown> | undefined)?._csrf;
    if (!sameSecret(typeof sent === 'string' ? sent : undefined, res.locals.csrf)) {
      throw new AppError('csrf', 'This form has expired or did not come from this site. Go back, reload the page and try again.', 403);
    }
    next();
  };
}

/** Pages need a signed-in user; a browser without one is sent to the login page and brought back after. */
export function requireLogin(): RequestHandler {
  return (req, res, next) => {
    if (res.locals.viewer) { next(); return; }
    if (req.method === 'GET') { res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`); return; }
    throw new UnauthorizedError('Your session has ended; sign in again');
  };
}

export function requirePage(p: Permission): RequestHandler {
  return (_req, res, next) => {
    if (!can(viewerOf(res).role as Role, p)) throw new ForbiddenError(`Your role (${viewerOf(res).role}) does not allow this`);
    next();
  };
}

/** The API takes `Authorization: Bearer <token>`, counts each token's requests per minute, and answers 401 or 429 as JSON. */
export function apiAuth(deps: AppDeps): RequestHandler {
  const limiter = createRateLimiter(deps.security.apiPerMinute, 60_000, deps.clock);
  return (req: Request, res: Response, next: NextFunction) => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const token = m ? deps.tokens.verify(m[1]) : undefined;
    if (!token) throw new UnauthorizedError(m ? 'That API token is not valid or was revoked' : undefined);
    if (!limiter.hit(token.id)) throw new TooManyRequestsError(`Too many requests for this token: at most ${deps.security.apiPerMinute} a minute`, limiter.retryAfter(token.id));
    res.locals.token = token;
    next();
  };
}

export function requireApi(p: Permission): RequestHandler {
  return (_req, _res, next) => {
    if (!TOKEN_GRANTS.includes(p)) throw new ForbiddenError('API tokens may not do this');
    next();
  };
}

/**
 * The entry page's helpers answer a bearer token or a signed-in browser. A browser's POST must send the session's CSRF token
 * in the x-csrf-token header (the page reads it from its form), so another site cannot use someone's session.
 */
export function tokenOrSession(deps: AppDeps, tokens: RequestHandler): RequestHandler {
  const session = loadSession(deps);
  return (req, res, next) => {
    if (req.headers.authorization) { tokens(req, res, next); return; }
    session(req, res, () => {
      if (!res.locals.viewer) throw new UnauthorizedError('Sign in, or send an API token');
      if (req.method !== 'GET' && !sameSecret(req.get('x-csrf-token'), res.locals.csrf)) throw new AppError('csrf', 'The x-csrf-token header is missing or wrong; reload the page', 403);
      next();
    });
  };
}
