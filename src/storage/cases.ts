// The case list: filters on columns kept on the case row (date, reference, triage, leading condition, reviewed), keyset-paged newest first.
import { z } from 'zod';
import type { Db } from './db.ts';

export type CaseFilter = {
  from?: string; to?: string; reference?: string; triage?: string; dx?: string; reviewed?: boolean;
  /** Keyset cursor: the created_at and id of the last row on the previous page. */
  after?: { createdAt: string; id: string };
  limit: number;
};
export type CaseRow = { id: string; createdAt: string; updatedAt: string | null; reference: string | null; triage: string | null; topName: string | null; reviewed: boolean; latestId: string | null };

const Row = z.object({
  id: z.string(), created_at: z.string(), updated_at: z.string().nullable(), reference: z.string().nullable(), triage: z.string().nullable(),
  top_name: z.string().nullable(), reviewed: z.number(), latest_id: z.string().nullable(),
});

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
/** The day after a YYYY-MM-DD date, so a "to" date includes the whole day. */
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export type CaseList = { list(f: CaseFilter): { rows: CaseRow[]; next?: { createdAt: string; id: string } }; exists(id: string): boolean };

export function createCaseList(db: Db): CaseList {
  const exists = db.prepare('SELECT 1 FROM cases WHERE id = ?');
  const cache = new Map<string, ReturnType<Db['prepare']>>();
  return {
    exists: (id) => !!exists.get(id),
    list(f) {
      const where: string[] = ['latest_id IS NOT NULL'];
      const params: Record<string, string | number> = {};
      if (f.from) { where.push('created_at >= @from'); params.from = f.from; }
      if (f.to) { where.push('created_at < @to'); params.to = nextDay(f.to); }
      if (f.reference) { where.push("reference LIKE @ref ESCAPE '\\'"); params.ref = `${likeEscape(f.reference)}%`; }
      if (f.triage) { where.push('triage = @triage'); params.triage = f.triage; }
      if (f.dx) { where.push("top_name LIKE @dx ESCAPE '\\'"); params.dx = `%${likeEscape(f.dx)}%`; }
      if (f.reviewed !== undefined) { where.push('reviewed = @reviewed'); params.reviewed = f.reviewed ? 1 : 0; }
      if (f.after) { where.push('(created_at, id) < (@afterAt, @afterId)'); params.afterAt = f.after.createdAt; params.afterId = f.after.id; }
      const sql = `SELECT id, created_at, updated_at, reference, triage, top_name, reviewed, latest_id FROM cases
        WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT @limit`;
      // One prepared statement per combination of filters (at most a few dozen).
      let stmt = cache.get(sql);
      if (!stmt) { stmt = db.prepare(sql); cache.set(sql, stmt); }
      const raw = stmt.all({ ...params, limit: f.limit + 1 });
      const rows = raw.slice(0, f.limit).map((x) => {
        const r = Row.parse(x);
        return { id: r.id, createdAt: r.created_at, updatedAt: r.updated_at, reference: r.reference, triage: r.triage, topName: r.top_name, reviewed: r.reviewed === 1, latestId: r.latest_id };
      });
      const last = rows.at(-1);
      return { rows, next: raw.length > f.limit && last ? { createdAt: last.createdAt, id: last.id } : undefined };
    },
  };
}
