// Handlebars set-up: layouts, partials and pages compiled once at start; templates only print what view-models prepared.
import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type Render = (page: string, model: Record<string, unknown>) => string;

export function createRenderer(viewsDir: string): Render {
  const hb = Handlebars.create();
  const dir = (d: string) => path.join(viewsDir, d);
  const templates = (d: string) => readdirSync(dir(d)).filter((f) => f.endsWith('.hbs')).map((f) => [path.basename(f, '.hbs'), readFileSync(path.join(dir(d), f), 'utf8')] as const);
  for (const [name, src] of templates('partials')) hb.registerPartial(name, src);
  const pages = new Map(templates('pages').map(([n, s]) => [n, hb.compile(s, { strict: false })]));
  const layout = hb.compile(readFileSync(path.join(dir('layouts'), 'main.hbs'), 'utf8'));
  return (page, model) => {
    const tpl = pages.get(page);
    if (!tpl) throw new Error(`no page template ${page}`);
    // The body is our own rendered HTML (every value in it already escaped by {{ }}), so the layout inserts it raw.
    return layout({ ...model, body: new Handlebars.SafeString(tpl(model)) });
  };
}
