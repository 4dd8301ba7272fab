// Finds conditions by name or ICD-10 (the knowledge base's conditions first, then ICD-10-CM titles) and resolves a reviewer's choice.
import type { KnowledgeBase } from '../knowledge/types.ts';

export type ConditionHit = { value: string; name: string; icd10: string | null; conditionId: string | null; source: 'knowledge' | 'icd10' };

const CODE = /^[A-Z]\d{2}(?:\.[0-9A-Z]{1,4})?$/;
const norm = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9. ]+/g, ' ').replace(/\s+/g, ' ').trim();

export type ConditionSearch = (q: string, limit?: number) => ConditionHit[];

/**
 * Normalises every condition name, synonym and ICD-10-CM title once (on the first search, not at start-up),
 * so each search is a plain scan of short strings.
 */
export function createConditionSearch(kb: KnowledgeBase): ConditionSearch {
  let index: { conditions: { c: KnowledgeBase['conditionList'][number]; texts: string[] }[]; titles: { code: string; title: string; text: string }[] } | undefined;
  return (q, limit = 20) => {
    index ??= {
      conditions: kb.conditionList.map((c) => ({ c, texts: [c.name, ...c.synonyms].map(norm) })),
      titles: [...kb.icd10].map(([code, title]) => ({ code, title, text: norm(title) })),
    };
    const { conditions, titles } = index;
    const query = norm(q);
    if (query.length < 2) return [];
    const words = query.split(' ');
    const code = q.trim().toUpperCase();
    const matches = (t: string) => words.every((w) => t.includes(w));
    const hits: ConditionHit[] = [];
    const seen = new Set<string>();
    for (const { c, texts } of conditions) {
      if (texts.some(matches) || c.icd10.some((x) => x.startsWith(code))) {
        hits.push({ value: `cond:${c.id}`, name: c.name, icd10: c.icd10[0], conditionId: c.id, source: 'knowledge' });
        c.icd10.forEach((x) => seen.add(x));
      }
    }
    for (const t of titles) {
      if (hits.length >= limit) break;
      if (!seen.has(t.code) && (t.code.startsWith(code) || matches(t.text))) hits.push({ value: `icd:${t.code}`, name: t.title, icd10: t.code, conditionId: null, source: 'icd10' });
    }
    return hits.slice(0, limit);
  };
}

/** The label the review form's datalist offers for a knowledge-base condition, which `resolveDiagnosis` reads back. */
export const datalistLabel = (name: string, icd10: string) => `${name} (${icd10})`;

export type Diagnosis = { conditionId: string | null; icd10: string | null; diagnosis: string };

/**
 * A review's final diagnosis from the form: `cond:<id>` or `icd:<code>` from a list, or typed text that may be
 * a datalist label, an ICD-10 code, or a condition's name; anything else is kept as the clinician wrote it, without a code.
 */
export function resolveDiagnosis(kb: KnowledgeBase, choice: string, other: string): Diagnosis | undefined {
  if (choice.startsWith('cond:')) {
    const c = kb.conditions.get(choice.slice(5));
    return c ? { conditionId: c.id, icd10: c.icd10[0], diagnosis: c.name } : undefined;
  }
  if (choice.startsWith('icd:')) {
    const code = choice.slice(4);
    const title = kb.icd10.get(code);
    if (!title) return undefined;
    const c = kb.conditionList.find((x) => x.icd10.includes(code));
    return { conditionId: c?.id ?? null, icd10: code, diagnosis: c?.name ?? title };
  }
  if (choice !== 'other') return undefined;
  const text = other.trim();
  if (!text) return undefined;
  const labelled = /\(([A-Z]\d{2}(?:\.[0-9A-Z]{1,4})?)\)\s*$/.exec(text);
  const code = labelled ? labelled[1] : CODE.test(text.toUpperCase()) ? text.toUpperCase() : undefined;
  if (code && kb.icd10.has(code)) return resolveDiagnosis(kb, `icd:${code}`, '');
  const byName = kb.conditionList.find((c) => norm(c.name) === norm(text) || c.synonyms.some((s) => norm(s) === norm(text)));
  if (byName) return resolveDiagnosis(kb, `cond:${byName.id}`, '');
  return { conditionId: null, icd10: null, diagnosis: text.slice(0, 200) };
}
