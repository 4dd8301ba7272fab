// Sign-in, sign-out and the first-admin setup: the only pages open without a session (besides /healthz and /static).
import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/passwords.ts';
import { createRateLimiter } from '../auth/rate-limit.ts';
import { NotFoundError, TooManyRequestsError } from '../errors.ts';
import { Username } from '../storage/users.ts';
import { ensurePreToken } from './auth.ts';
import { clearCookie, PRE_COOKIE, SESSION_COOKIE, setCookie } from './cookies.ts';
import { speakerOf } from './i18n.ts';
import { sendPage } from './views.ts';

const LoginForm = z.object({ username: z.string().max(100).default(''), password: z.string().max(200).default(''), next: z.string().max(2000).optional() });
const SetupForm = z.object({ token: z.string().max(200).default(''), username: z.string().max(100).default(''), password: z.string().max(200).default(''), confirm: z.string().max(200).default('') });

/** Only a path on this site: never `//host` or a full URL, so a login link cannot send someone elsewhere. */
export const safeNext = (n: unknown): string => (typeof n === 'string' && /^\/(?![/\\])/.test(n) ? n : '/');


export function loginRouter(deps: AppDeps): Router {
  const r = Router();
  const perIp = createRateLimiter(deps.security.loginPerMinute, 60_000, deps.clock);
  // Unknown usernames are checked against this hash too, so a wrong name takes as long as a wrong password.
  const dummy = hashPassword('not a password', deps.security.scrypt);

  const startSession = (req: Request, res: Response, userId: string) => {
    const s = deps.sessions.create(userId, deps.security.sessionHours * 3_600_000, deps.clock());
    setCookie(req, res, SESSION_COOKIE, s.id, deps.security.cookieSecure, new Date(s.expiresAt));
    clearCookie(req, res, PRE_COOKIE, deps.security.cookieSecure);
  };
  const loginPage = (res: Response, status: number, error?: string, username = '', next = '/') =>
    sendPage(res, deps.render, 'login', { titleKey: 'login.title', error, username, next }, status);

  r.get('/login', (req, res) => {
    if (res.locals.viewer) { res.redirect(303, safeNext(req.query.next)); return; }
    ensurePreToken(deps, req, res);
    loginPage(res, 200, undefined, '', safeNext(req.query.next));
  });

  r.post('/login', async (req, res) => {
    const ip = req.ip ?? 'unknown';
    if (!perIp.hit(ip)) throw new TooManyRequestsError('Too many sign-in attempts from this computer; wait a minute and try again', perIp.retryAfter(ip));
    const f = LoginForm.parse(req.body ?? {});
    const next = safeNext(f.next);
    const user = deps.users.byName(f.username.trim());
    const now = deps.clock();
    if (!user) {
      await verifyPassword(f.password, await dummy);
      deps.audit.append('anonymous', 'login.failed', null);
      loginPage(res, 401, speakerOf(res).t('login.wrong'), f.username, next);
      return;
    }
    if (user.lockedUntil > now) {
      deps.audit.append(`user:${user.username}`, 'login.locked', user.id);
      const minutes = Math.ceil((user.lockedUntil - now) / 60_000);
      loginPage(res, 423, speakerOf(res).t('login.locked', { minutes }), f.username, next);
      return;
    }
    if (!(await verifyPassword(f.password, user.passwordHash))) {
      const locked = deps.users.failed(user.id, now);
      deps.audit.append(`user:${user.username}`, 'login.failed', user.id);
      loginPage(res, 401, speakerOf(res).t(locked ? 'login.lockedNow' : 'login.wrong'), f.username, next);
      return;
    }
    deps.users.succeeded(user.id);
    startSession(req, res, user.id);
    deps.audit.append(`user:${user.username}`, 'login', user.id);
    deps.logger.info('signed in', { role: user.role });
    res.redirect(303, next);
  });

  r.post('/logout', (req, res) => {
    if (res.locals.sessionId) deps.sessions.delete(res.locals.sessionId);
    if (res.locals.viewer) deps.audit.append(`user:${res.locals.viewer.username}`, 'logout', res.locals.viewer.userId);
    clearCookie(req, res, SESSION_COOKIE, deps.security.cookieSecure);
    res.redirect(303, '/login');
  });

  const setupPage = (res: Response, status: number, token: string, errors: string[] = [], username = '') =>
    sendPage(res, deps.render, 'setup', { titleKey: 'setup.title', token, username, errors: errors.length ? errors : undefined }, status);

  r.get('/setup', (req, res) => {
    if (!deps.setup.open(req.query.token)) throw new NotFoundError('Setup (it is only open once, with the token printed at the first start)');
    ensurePreToken(deps, req, res);
    setupPage(res, 200, String(req.query.token));
  });

  r.post('/setup', async (req, res) => {
    const f = SetupForm.parse(req.body ?? {});
    if (!deps.setup.open(f.token)) throw new NotFoundError('Setup (it is only open once, with the token printed at the first start)');
    const name = Username.safeParse(f.username);
    const errors = [
      ...(name.success ? [] : name.error.issues.map((i) => i.message)),
      ...[passwordProblem(f.password)].filter((x): x is string => !!x),
      ...(f.password === f.confirm ? [] : [speakerOf(res).t('setup.differ')]),
    ];
    if (errors.length) { setupPage(res, 400, f.token, errors, f.username); return; }
    const user = deps.users.create(name.data!, 'admin', await hashPassword(f.password, deps.security.scrypt));
    deps.setup.close();
    deps.audit.append(`user:${user.username}`, 'setup', user.id);
    startSession(req, res, user.id);
    res.redirect(303, '/admin/users');
  });
  return r;
}
