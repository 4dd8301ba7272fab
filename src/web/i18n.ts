// Interface languages: the dictionaries in locales/, the language a request gets (cookie, then Accept-Language), and t(key, vars).
import type { NextFunction, Request, Response } from 'express';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { KnowledgeBase } from '../knowledge/types.ts';
import { readCookies } from './cookies.ts';

export const LANGS = ['en', 'zh-CN'] as const;
export type Lang = (typeof LANGS)[number];
export const LANG_COOKIE = 'lang';

type Dict = { [k: string]: string | Dict };
export type Translate = (key: string, vars?: Record<string, string | number>) => string;
/** What a view-model needs to speak the page's language: the dictionary for templates, t() for strings built in code. */
export type Speaker = { lang: Lang; L: Dict; t: Translate; zh: boolean };
export type Locales = Record<Lang, Dict>;

export const isLang = (x: unknown): x is Lang => typeof x === 'string' && (LANGS as readonly string[]).includes(x);

/** Reads every dictionary once; a key missing from Chinese falls back to English, so a gap shows English rather than nothing. */
export function loadLocales(dir: string): Locales {
  const read = (l: Lang) => JSON.parse(readFileSync(path.join(dir, `${l}.json`), 'utf8')) as Dict;
  const en = read('en');
  const merge = (base: Dict, over: Dict): Dict => Object.fromEntries(Object.entries(base).map(([k, v]) => [k, typeof v === 'string' ? (typeof over[k] === 'string' ? over[k] : v) : merge(v, (over[k] as Dict) ?? {})]));
  return { en, 'zh-CN': merge(en, read('zh-CN')) };
}

function lookup(d: Dict, key: string): string | undefined {
  let at: string | Dict | undefined = d;
  for (const part of key.split('.')) at = typeof at === 'object' ? at[part] : undefined;
  return typeof at === 'string' ? at : undefined;
}

export function speaker(locales: Locales, lang: Lang): Speaker {
  const L = locales[lang];
  const t: Translate = (key, vars = {}) => (lookup(L, key) ?? key).replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
  return { lang, L, t, zh: lang === 'zh-CN' };
}

/** The `lang` cookie wins; otherwise the browser's Accept-Language (any Chinese gets Simplified Chinese); otherwise English. */
export function chooseLang(req: Request): Lang {
  const c = readCookies(req)[LANG_COOKIE];
  if (isLang(c)) return c;
  const best = req.acceptsLanguages('en', 'zh-CN', 'zh', 'zh-Hans', 'zh-TW', 'zh-HK');
  return typeof best === 'string' && best.startsWith('zh') ? 'zh-CN' : 'en';
}

/** Puts the request's Speaker in res.locals.speak for every page and error handler after it. */
export function languageMiddleware(locales: Locales) {
  const speakers = { en: speaker(locales, 'en'), 'zh-CN': speaker(locales, 'zh-CN') };
  return (req: Request, res: Response, next: NextFunction) => {
    res.locals.speak = speakers[chooseLang(req)];
    res.vary('Accept-Language');
    next();
  };
}

export const speakerOf = (res: Response): Speaker => res.locals.speak as Speaker;

/** Knowledge labels in the page's language where the knowledge base has them, else English. */
export function kbLabels(kb: KnowledgeBase, s: Speaker) {
  return {
    finding: (id: string, fallback?: string) => (s.zh ? kb.findings.get(id)?.zh?.label : undefined) ?? fallback ?? kb.findings.get(id)?.label ?? id,
    condition: (id: string, fallback?: string) => (s.zh ? kb.conditions.get(id)?.zh?.name : undefined) ?? fallback ?? kb.conditions.get(id)?.name ?? id,
  };
}

/** GET /lang/:code?next=/path sets the language cookie for a year and goes back to the page (only a path on this site). */
export function langRoute(secure: boolean) {
  return (req: Request, res: Response) => {
    const code = String(req.params.code);
    if (!isLang(code)) { res.status(404).type('text/plain').send('Unknown language'); return; }
    res.cookie(LANG_COOKIE, code, { httpOnly: true, sameSite: 'lax', secure: req.secure || secure, path: '/', maxAge: 365 * 86_400_000 });
    const next = req.query.next;
    res.redirect(303, typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/');
  };
}
