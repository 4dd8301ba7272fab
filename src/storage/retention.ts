// The retention sweep: cases untouched for longer than RETENTION_DAYS are deleted with their assessments and reviews (0 keeps all).
import type { Db } from './db.ts';

/** Returns how many cases were deleted. The audit trail keeps its rows: they hold ids, never patient text. */
export function sweepRetention(db: Db, days: number, now = Date.now()): number {
  if (days <= 0) return 0;
  const cutoff = new Date(now - days * 86_400_000).toISOString();
  return db.transaction(() => {
    const old = "SELECT id FROM cases WHERE COALESCE(updated_at, created_at) < @cutoff";
    db.prepare(`DELETE FROM reviews WHERE case_id IN (${old})`).run({ cutoff });
    db.prepare(`DELETE FROM assessments WHERE case_id IN (${old})`).run({ cutoff });
    return db.prepare(`DELETE FROM cases WHERE id IN (${old})`).run({ cutoff }).changes;
  })();
}
