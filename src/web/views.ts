// Handlebars set-up: layouts, partials and pages compiled once at start; templates only print what view-models prepared.
import Handlebars from 'handlebars';
import type { Response } from 'express';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

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

/** Sends a page with the signed-in user and the CSRF token merged into its model. */
export function sendPage(res: Response, render: Render, page: string, model: Record<string, unknown>, status = 200, layout: 'main' | 'print' = 'main'): void {
  res.status(status).type('html').send(render(page, { ...model, viewer: res.locals.viewer as Viewer | undefined, csrf: res.locals.csrf as string | undefined }, layout));
}
