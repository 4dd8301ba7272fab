// Handlebars set-up: layouts, partials and pages compiled once at start; templates only print what view-models prepared.
import Handlebars from 'handlebars';
import type { Request, Response } from 'express';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { speakerOf } from './i18n.ts';
import { type Assets, gzipIfAccepted } from './static.ts';

export type Render = (page: string, model: Record<string, unknown>, layout?: 'main' | 'print') => string;

export function createRenderer(viewsDir: string): Render {
  const hb = Handlebars.create();
  const dir = (d: string) => path.join(viewsDir, d);
  const templates = (d: string) => readdirSync(dir(d)).filter((f) => f.endsWith('.hbs')).map((f) => [path.basename(f, '.hbs'), readFileSync(path.join(dir(d), f), 'utf8')] as const);
  for (const [name, src] of templates('partials')) hb.registerPartial(name, src);
  const pages = new Map(templates('pages').map(([n, s]) => [n, hb.compile(s, { strict: false })]));
  const layouts = new Map(templates('layouts').map(([n, s]) => [n, hb.compile(s)]));
  return (page, model, layout = 'main') => {
    const tpl = pages.get(page);
    if (!tpl) throw new Error(`no page template ${page}`);
    // The body is our own rendered HTML (every value in it already escaped by {{ }}), so the layout inserts it raw.
    return layouts.get(layout)!({ ...model, body: new Handlebars.SafeString(tpl(model)) });
  };
}

/** Who is signed in, as the layout and every form need it: name, role flags for the menu, and the CSRF token. */
export type Viewer = { userId: string; username: string; role: string; canReview: boolean; canAdmin: boolean };

/** Asset URLs are our own file names and hashes, never input: printed as they are (Handlebars would escape the "="). */
const trusted = (a: Assets | undefined) => (a ? Object.fromEntries(Object.entries(a).map(([k, v]) => [k, new Handlebars.SafeString(v)])) : undefined);

/** Where the language switch brings the reader back to: this page, or for a form post the page the form was on. */
export function backHere(req: Request): string {
  if (req.method === 'GET') return req.originalUrl;
  const p = req.path.replace(/\/(answers|review)$/, '');
  return p === '/assessments' ? '/' : p;
}

/** Sends a page (gzipped) with the signed-in user, the CSRF token, the language and the static asset URLs merged into its model. */
export function sendPage(res: Response, render: Render, page: string, model: Record<string, unknown>, status = 200, layout: 'main' | 'print' = 'main'): void {
  const speak = speakerOf(res);
  const next = encodeURIComponent(backHere(res.req));
  const html = render(page, {
    ...model,
    title: model.title ?? (model.titleKey ? speak.t(String(model.titleKey)) : ''),
    viewer: res.locals.viewer as Viewer | undefined, csrf: res.locals.csrf as string | undefined,
    viewerRole: res.locals.viewer ? speak.t(`role.${(res.locals.viewer as Viewer).role}`) : undefined,
    L: speak.L, lang: speak.lang, assets: trusted(res.locals.assets as Assets | undefined),
    // encodeURIComponent leaves no quote, <, > or & in `next`, so the link is printed as it is.
    switchTo: speak.zh ? { href: new Handlebars.SafeString(`/lang/en?next=${next}`), lang: 'en', label: 'English' } : { href: new Handlebars.SafeString(`/lang/zh-CN?next=${next}`), lang: 'zh-CN', label: '中文' },
  }, layout);
  res.status(status).type('html').send(gzipIfAccepted(res.req, res, Buffer.from(html)));
}
