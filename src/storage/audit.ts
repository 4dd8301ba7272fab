// The append-only audit trail: who did what to which record, each row chained to the one before by sha256.
import { z } from 'zod';
import { sha256 } from '../auth/secrets.ts';
import type { Db } from './db.ts';

export const GENESIS = '0'.repeat(64);

export type AuditAction =
  | 'login' | 'login.failed' | 'login.locked' | 'logout' | 'setup' | 'user.create'
  | 'token.create' | 'token.revoke'
  | 'case.list' | 'assessment.view' | 'assessment.create' | 'review.create'
  | 'export.letter' | 'export.csv' | 'export.fhir' | 'retention.sweep';

export type AuditRow = { seq: number; at: string; actor: string; action: string; objectId: string | null; prevHash: string; hash: string };
const Row = z.object({ seq: z.number().int(), at: z.string(), actor: z.string(), action: z.string(), object_id: z.string().nullable(), prev_hash: z.string(), hash: z.string() });
const toRow = (raw: unknown): AuditRow => { const r = Row.parse(raw); return { seq: r.seq, at: r.at, actor: r.actor, action: r.action, objectId: r.object_id, prevHash: r.prev_hash, hash: r.hash }; };

/** The canonical text of a row that its hash covers: a JSON array in a fixed order. */
export const canonical = (r: Pick<AuditRow, 'seq' | 'at' | 'actor' | 'action' | 'objectId'>) => JSON.stringify([r.seq, r.at, r.actor, r.action, r.objectId]);
export const rowHash = (prevHash: string, r: Pick<AuditRow, 'seq' | 'at' | 'actor' | 'action' | 'objectId'>) => sha256(prevHash + canonical(r));

export type VerifyResult = { ok: true; rows: number } | { ok: false; rows: number; badSeq: number; reason: string };

export type AuditLog = {
  append(actor: string, action: AuditAction, objectId?: string | null): AuditRow;
  recent(limit: number): AuditRow[];
  verify(): VerifyResult;
};

export function createAuditLog(db: Db): AuditLog {
  const last = db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1');
  const insert = db.prepare('INSERT INTO audit (seq, at, actor, action, object_id, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const recent = db.prepare('SELECT * FROM audit ORDER BY seq DESC LIMIT ?');
  const all = db.prepare('SELECT * FROM audit ORDER BY seq');
  const highest = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit'");
  const append = db.transaction((actor: string, action: AuditAction, objectId: string | null): AuditRow => {
    const prev = last.get() as { seq: number; hash: string } | undefined;
    const row = { seq: (prev?.seq ?? 0) + 1, at: new Date().toISOString(), actor, action, objectId };
    const prevHash = prev?.hash ?? GENESIS;
    const hash = rowHash(prevHash, row);
    insert.run(row.seq, row.at, row.actor, row.action, row.objectId, prevHash, hash);
    return { ...row, prevHash, hash };
  });
  return {
    append: (actor, action, objectId = null) => append(actor, action, objectId),
    recent: (limit) => recent.all(limit).map(toRow),
    verify() {
      let prevHash = GENESIS;
      let expected = 1;
      let rows = 0;
      for (const raw of all.iterate()) {
        const r = toRow(raw);
        rows++;
        if (r.seq !== expected) return { ok: false, rows, badSeq: r.seq, reason: `row ${expected}${r.seq > expected + 1 ? `–${r.seq - 1}` : ''} is missing` };
        if (r.prevHash !== prevHash) return { ok: false, rows, badSeq: r.seq, reason: 'its prev_hash does not match the row before' };
        if (rowHash(r.prevHash, r) !== r.hash) return { ok: false, rows, badSeq: r.seq, reason: 'its contents do not match its hash (altered)' };
        prevHash = r.hash;
        expected++;
      }
      const top = (highest.get() as { seq: number } | undefined)?.seq ?? 0;
      if (top >= expected) return { ok: false, rows, badSeq: expected, reason: `rows ${expected}–${top} were removed from the end` };
      return { ok: true, rows };
    },
  };
}
