// Translates every error into an HTTP answer in one place: JSON for the API, a page for the browser; never a stack trace.
import type { NextFunction, Request, Response } from 'express';
import { AppError, TooManyRequestsError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { speakerOf } from './i18n.ts';
import { sendPage, type Render } from './views.ts';

type BodyParserError = Error & { type?: string; status?: number };

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as BodyParserError;
  if (e?.type === 'entity.too.large') return new AppError('payload_too_large', 'The request body is too large', 413);
  if (e?.type === 'entity.parse.failed') return new AppError('invalid_json', 'The request body is not valid JSON', 400);
  if ((e as { name?: string })?.name === 'ZodError') return new AppError('invalid_input', 'The request could not be read', 400);
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return new AppError('bad_request', 'The request could not be read', e.status);
  return new AppError('internal', 'Something went wrong on the server; the error has been logged', 500, [], { cause: err });
}

export function errorHandler(logger: Logger, render: Render) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const e = toAppError(err);
    // Only the error's kind and where it happened are logged: never the body or an error message, which may quote patient text.
    if (e.status >= 500) logger.error('request failed', { code: e.code, path: req.route?.path ?? req.path, error: (e.cause as Error)?.name ?? e.name });
    if (res.headersSent) return;
    if (e instanceof TooManyRequestsError) res.set('Retry-After', String(e.retryAfter));
    if (req.path.startsWith('/api/') || req.path === '/healthz') {
      if (e.status === 401) res.set('WWW-Authenticate', 'Bearer');
      res.status(e.status).json({ error: { code: e.code, message: e.message, issues: e.issues } });
    } else {
      // English shows the specific message; Chinese a translated message for the status (the specific ones are written in English).
      const s = speakerOf(res);
      const message = !s.zh ? e.message : s.t(e.code === 'csrf' ? 'errors.csrf' : [400, 401, 403, 404, 413, 429].includes(e.status) ? `errors.http${e.status}` : 'errors.http500');
      sendPage(res, render, 'error', { titleKey: 'errors.title', status: e.status, message, signIn: e.status === 401 }, e.status);
    }
  };
}
