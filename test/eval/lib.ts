// Shared set-up for the evaluation scripts: the shipped knowledge base, optionally the shipped encoder, and small statistics helpers.
import path from 'node:path';
import { ROOT } from '../../src/config.ts';
import { loadEncoder } from '../../src/embed/load-encoder.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import type { KnowledgeBase } from '../../src/knowledge/types.ts';
import { createLogger } from '../../src/logger.ts';
import { buildTextIndex, type TextIndex } from '../../src/pipeline/parse/note.ts';
import { assess, type Encoder } from '../../src/pipeline/run.ts';
import type { CaseInput, Opinion } from '../../src/pipeline/types.ts';

export type Engine = { kb: KnowledgeBase; text: TextIndex; encoder?: Encoder; assess(input: CaseInput): Promise<Opinion> };

export async function engine(withEncoder: boolean): Promise<Engine> {
  const kb = loadKnowledge(path.join(ROOT, 'knowledge'));
  const text = buildTextIndex(kb);
  const encoder = withEncoder
    ? await loadEncoder({ modelsDir: path.join(ROOT, 'models'), modelId: 'phrase-encoder', cacheDir: path.join(ROOT, 'data') }, kb, createLogger('warn'))
    : undefined;
  const e: Engine = { kb, text, encoder, assess: (input) => assess(input, { kb: e.kb, text, encoder, appVersion: 'eval' }) };
  return e;
}

export const arg = (name: string, fallback?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};

/** One ICD-10 code is the same as or more specific than the other (J18 ~ J18.9), never merely a sibling. */
export const icdMatch = (a: string, b: string) => a === b || a.startsWith(b) || b.startsWith(a);

export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
export const quantile = (xs: number[], q: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };

export function table(rows: (string | number)[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ')).join('\n');
}
