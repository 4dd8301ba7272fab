// Reads the Cookie header and sets our cookies: http-only, SameSite=Lax, Secure on https or when configured.
import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'bf_session';
/** Holds the CSRF token for the forms shown before sign-in (login, setup): the form must echo it back. */
export const PRE_COOKIE = 'bf_pre';

export function readCookies(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i < 1) continue;
    const k = part.slice(0, i).trim();
    const v = part.slice(i + 1).trim();
    try { out[k] = decodeURIComponent(v); } catch { /* a malformed cookie is ignored */ }
  }
  return out;
}

export function setCookie(req: Request, res: Response, name: string, value: string, secureFlag: boolean, expires?: Date): void {
  res.cookie(name, value, { httpOnly: true, sameSite: 'lax', secure: req.secure || secureFlag, path: '/', expires });
}

export function clearCookie(req: Request, res: Response, name: string, secureFlag: boolean): void {
  res.clearCookie(name, { httpOnly: true, sameSite: 'lax', secure: req.secure || secureFlag, path: '/' });
}
