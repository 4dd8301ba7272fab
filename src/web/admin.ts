// Admin pages: accounts, API tokens (shown once when made, revocable) and what the reviews teach about the opinions.
import { type Response, Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import { hashPassword, passwordProblem } from '../auth/passwords.ts';
import { Role } from '../auth/roles.ts';
import { AppError } from '../errors.ts';
import { TokenName } from '../storage/api-tokens.ts';
import { Username } from '../storage/users.ts';
import { actorOf, requirePage } from './auth.ts';
import { kbLabels, speakerOf } from './i18n.ts';
import { sendPage } from './views.ts';

const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '');
const UserForm = z.object({ username: Username, role: Role, password: z.string().max(200) });
const RevokeForm = z.object({ name: z.string().max(60) });

export function adminRouter(deps: AppDeps): Router {
  const r = Router();
  r.use('/admin', requirePage('admin'));

  const usersPage = (res: Response, status = 200, errors: string[] = [], values: Record<string, string> = {}) =>
    sendPage(res, deps.render, 'admin-users', {
      titleKey: 'admin.users', errors: errors.length ? errors : undefined, values,
      users: deps.users.list().map((u) => ({ username: u.username, role: u.role, created: when(u.createdAt), locked: u.lockedUntil > deps.clock() })),
      roles: Role.options.map((x) => ({ value: x, label: speakerOf(res).t(`role.${x}`), selected: values.role === x })),
    }, status);
  r.get('/admin/users', (_req, res) => usersPage(res));
  r.post('/admin/users', async (req, res) => {
    const f = UserForm.safeParse(req.body ?? {});
    const pw = f.success ? passwordProblem(f.data.password) : undefined;
    const values = { username: String(req.body?.username ?? ''), role: String(req.body?.role ?? '') };
    if (!f.success || pw) { usersPage(res, 400, [...(f.success ? [] : f.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)), ...(pw ? [pw] : [])], values); return; }
    try {
      const u = deps.users.create(f.data.username, f.data.role, await hashPassword(f.data.password, deps.security.scrypt));
      deps.audit.append(actorOf(res), 'user.create', u.id);
    } catch (e) {
      if (e instanceof AppError && e.status === 409) { usersPage(res, 409, [e.message], values); return; }
      throw e;
    }
    res.redirect(303, '/admin/users');
  });

  const tokensPage = (res: Response, status = 200, extra: Record<string, unknown> = {}) =>
    sendPage(res, deps.render, 'admin-tokens', {
      titleKey: 'admin.tokens', ...extra,
      tokens: deps.tokens.list().map((t) => ({ name: t.name, created: when(t.createdAt), createdBy: t.createdBy, revoked: when(t.revokedAt) })),
    }, status);
  r.get('/admin/tokens', (_req, res) => tokensPage(res));
  r.post('/admin/tokens', (req, res) => {
    const name = TokenName.safeParse(req.body?.name);
    if (!name.success) { tokensPage(res, 400, { errors: name.error.issues.map((i) => i.message) }); return; }
    try {
      const made = deps.tokens.create(name.data, actorOf(res));
      deps.audit.append(actorOf(res), 'token.create', made.record.id);
      res.set('Cache-Control', 'no-store');
      tokensPage(res, 201, { made: { heading: speakerOf(res).t('admin.tokenMade', { name: made.record.name }), token: made.token } });
    } catch (e) {
      if (e instanceof AppError && e.status === 409) { tokensPage(res, 409, { errors: [e.message] }); return; }
      throw e;
    }
  });
  r.post('/admin/tokens/revoke', (req, res) => {
    const f = RevokeForm.parse(req.body ?? {});
    const t = deps.tokens.revoke(f.name);
    deps.audit.append(actorOf(res), 'token.revoke', t.id);
    res.redirect(303, '/admin/tokens');
  });

  r.get('/admin/learning', (_req, res) => {
    const s = deps.learning();
    const sp = speakerOf(res);
    const name = (id: string) => kbLabels(deps.kb, sp).condition(id);
    const rate = (n: number) => (s.reviews ? `${Math.round((n / s.reviews) * 100)}%` : '—');
    sendPage(res, deps.render, 'admin-learning', {
      titleKey: 'admin.learning', reviewsText: sp.t('admin.reviewsCount', { reviews: s.reviews }), top1: s.top1, top3: s.top3, top1Rate: rate(s.top1), top3Rate: rate(s.top3),
      corrected: s.corrected.map((c) => ({ name: name(c.conditionId), times: c.times, to: c.to.map((t) => ({ ...t, icd10: t.icd10 ?? '' })) })),
    });
  });
  return r;
}
