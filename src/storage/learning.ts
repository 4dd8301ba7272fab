// What the reviews teach: how often clinicians agreed with the top-1 and top-3, and which leading conditions they corrected to what.
import { z } from 'zod';
import type { Db } from './db.ts';

export type Learning = {
  reviews: number; top1: number; top3: number;
  corrected: { conditionId: string; times: number; to: { diagnosis: string; icd10: string | null; times: number }[] }[];
};

const Totals = z.object({ n: z.number(), top1: z.number().nullable(), top3: z.number().nullable() });
const Pair = z.object({ top: z.string(), diagnosis: z.string(), icd10: z.string().nullable(), times: z.number() });

export function learningStats(db: Db, limit = 20): Learning {
  const t = Totals.parse(db.prepare(`SELECT COUNT(*) AS n, SUM(agreed_rank = 1) AS top1, SUM(agreed_rank BETWEEN 1 AND 3) AS top3 FROM reviews`).get());
  const pairs = db.prepare(`SELECT top_condition AS top, diagnosis, icd10, COUNT(*) AS times FROM reviews
      WHERE top_condition IS NOT NULL AND (agreed_rank IS NULL OR agreed_rank > 1)
      GROUP BY top_condition, lower(diagnosis), icd10 ORDER BY times DESC`).all().map((r) => Pair.parse(r));
  const by = new Map<string, Learning['corrected'][number]>();
  for (const p of pairs) {
    const c = by.get(p.top) ?? { conditionId: p.top, times: 0, to: [] };
    c.times += p.times;
    c.to.push({ diagnosis: p.diagnosis, icd10: p.icd10, times: p.times });
    by.set(p.top, c);
  }
  const corrected = [...by.values()].sort((a, b) => b.times - a.times || a.conditionId.localeCompare(b.conditionId)).slice(0, limit);
  return { reviews: t.n, top1: t.top1 ?? 0, top3: t.top3 ?? 0, corrected };
}
