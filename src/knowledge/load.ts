// Reads knowledge/ from disk, validates every file, cross-references ids, indexes and freezes: all problems reported at once.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { KnowledgeError } from '../errors.ts';
import {
  Abbreviation, BodySites, Checklist, NegativePhrase, Condition, ContextRule, DdxplusLink, Engine, Finding, Manifest, NumberWords, RedFlag, Score, VitalRule,
} from './schema.ts';
import type { KnowledgeBase } from './types.ts';

type Problems = string[];

function readJson(file: string, problems: Problems): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    problems.push(`${file}: ${(e as Error).message}`);
    return undefined;
  }
}

function parse<T extends z.ZodType>(schema: T, data: unknown, where: string, problems: Problems): z.infer<T> | undefined {
  if (data === undefined) return undefined;
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  for (const i of r.error.issues) problems.push(`${where}${i.path.length ? ' at ' + i.path.join('.') : ''}: ${i.message}`);
  return undefined;
}

function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort().flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return jsonFiles(p);
    return name.endsWith('.json') ? [p] : [];
  });
}

/** Parse each element on its own so one bad entry is reported by id without hiding the rest. */
function parseArray<T extends z.ZodType>(schema: T, file: string, problems: Problems, rel: string): z.infer<T>[] {
  const data = readJson(file, problems);
  if (data === undefined) return [];
  if (!Array.isArray(data)) { problems.push(`${rel}: expected an array`); return []; }
  return data.flatMap((item, i) => {
    const id = typeof item?.id === 'string' ? ` (${item.id})` : '';
    const v = parse(schema, item, `${rel}[${i}]${id}`, problems);
    return v === undefined ? [] : [v];
  });
}

export function readIcd10(file: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) map.set(line.slice(0, tab), line.slice(tab + 1));
  }
  return map;
}

/** Load and check the whole knowledge base; throws KnowledgeError naming every problem. */
export function loadKnowledge(dir: string): KnowledgeBase {
  const problems: Problems = [];
  const rel = (f: string) => path.relative(dir, f);
  const one = <T extends z.ZodType>(schema: T, name: string) => parse(schema, readJson(path.join(dir, name), problems), name, problems);
  const many = <T extends z.ZodType>(schema: T, name: string) => parseArray(schema, path.join(dir, name), problems, name);

  const manifest = one(Manifest, 'manifest.json');
  const engine = one(Engine, 'engine.json');
  const numbers = one(NumberWords, 'numbers.json');
  const checklist = one(Checklist, 'checklist.json');
  const bodySites = one(BodySites, 'body-sites.json');
  const negativePhrases = existsSync(path.join(dir, 'negative-phrases.json')) ? many(NegativePhrase, 'negative-phrases.json') : [];
  const contextRules = many(ContextRule, 'context-rules.json');
  const abbreviations = many(Abbreviation, 'abbreviations.json');
  const redFlags = many(RedFlag, 'red-flags.json');
  const vitalRules = many(VitalRule, 'vitals.json');
  const scores = many(Score, 'scores.json');
  const ddxplus = existsSync(path.join(dir, 'ddxplus-map.json')) ? many(DdxplusLink, 'ddxplus-map.json') : [];
  const findingList = jsonFiles(path.join(dir, 'findings')).flatMap((f) => parseArray(Finding, f, problems, rel(f)));
  const conditionList = jsonFiles(path.join(dir, 'conditions')).flatMap((f) => {
    const c = parse(Condition, readJson(f, problems), rel(f), problems);
    if (c && path.basename(f, '.json') !== c.id) problems.push(`${rel(f)}: file name must be the condition id (${c.id}.json)`);
    return c ? [c] : [];
  });
  const icdFile = path.join(dir, 'icd10cm-2025.tsv');
  const icd10 = existsSync(icdFile) ? readIcd10(icdFile) : (problems.push('icd10cm-2025.tsv is missing'), new Map<string, string>());

  const findings = new Map<string, Finding>();
  const phraseOwner = new Map<string, string>();
  for (const f of findingList) {
    if (findings.has(f.id)) problems.push(`finding ${f.id} is defined twice`);
    findings.set(f.id, f);
    for (const phrase of [f.label, ...f.synonyms, ...f.lay, ...f.abbreviations].map((s) => s.toLowerCase().trim())) {
      const owner = phraseOwner.get(phrase);
      if (owner && owner !== f.id) problems.push(`phrase "${phrase}" is claimed by findings ${owner} and ${f.id}`);
      else phraseOwner.set(phrase, f.id);
    }
  }
  const need = (id: string, where: string) => { if (!findings.has(id)) problems.push(`${where} refers to unknown finding ${id}`); };

  const ancestors = new Map<string, string[]>();
  for (const f of findings.values()) {
    const chain: string[] = [];
    let p = f.parent;
    while (p) {
      if (p === f.id || chain.includes(p)) { problems.push(`finding ${f.id} has a parent cycle`); break; }
      if (!findings.has(p)) { problems.push(`finding ${f.id} has unknown parent ${p}`); break; }
      chain.push(p);
      p = findings.get(p)!.parent;
    }
    ancestors.set(f.id, chain);
  }

  const conditions = new Map<string, (typeof conditionList)[number]>();
  for (const c of conditionList) {
    if (conditions.has(c.id)) problems.push(`condition ${c.id} is defined twice`);
    conditions.set(c.id, c);
    const seen = new Set<string>();
    for (const cf of c.findings) {
      need(cf.id, `condition ${c.id}`);
      if (seen.has(cf.id)) problems.push(`condition ${c.id} lists finding ${cf.id} twice`);
      seen.add(cf.id);
    }
    for (const s of Object.keys(c.prior.settings)) if (engine && !engine.settings.some((x) => x.id === s)) problems.push(`condition ${c.id}: setting ${s} is not listed in engine.json`);
    for (const code of c.icd10) if (icd10.size && !icd10.has(code)) problems.push(`condition ${c.id}: ICD-10 code ${code} is not in ICD-10-CM 2025`);
  }
  for (const r of redFlags) for (const id of [...r.all, ...r.any]) need(id, `red flag ${r.id}`);
  for (const r of redFlags) if (!r.all.length && !r.any.length) problems.push(`red flag ${r.id} names no finding`);
  for (const v of vitalRules) need(v.finding, `vital rule for ${v.vital}`);
  for (const s of scores) {
    for (const i of s.items) if (i.finding) need(i.finding, `score ${s.id}`);
    for (const c of s.appliesTo) if (!conditions.has(c)) problems.push(`score ${s.id} applies to unknown condition ${c}`);
  }
  for (const l of ddxplus) need(l.finding, `ddxplus-map ${l.code}`);
  for (const id of engine?.neutralWhenUnlisted.findings ?? []) need(id, 'engine.json neutralWhenUnlisted');
  for (const n of negativePhrases) need(n.finding, `negative phrase "${n.phrase}"`);
  for (const site of bodySites?.sites ?? []) need(site.finding, `body site ${site.words[0]}`);
  for (const g of checklist ?? []) for (const id of g.findings) need(id, `checklist group ${g.group}`);

  if (problems.length || !manifest || !engine || !numbers || !checklist || !bodySites) throw new KnowledgeError(problems);
  return deepFreeze({
    manifest, engine, numbers, checklist, bodySites, negativePhrases, contextRules, abbreviations, redFlags, vitalRules, scores, ddxplus,
    findings, conditions, conditionList, icd10, ancestors,
  });
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o) && !(o instanceof Map)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  if (o instanceof Map) for (const v of o.values()) deepFreeze(v);
  return o;
}
