import { describe, expect, it } from 'vitest';
import { createAuditLog, GENESIS, rowHash } from '../../../src/storage/audit.ts';
import { openDb } from '../../../src/storage/db.ts';
import { tempDir } from '../../helpers.ts';

function trail() {
  const db = openDb(tempDir());
  const audit = createAuditLog(db);
  for (let i = 1; i <= 5; i++) audit.append(`user:u${i}`, 'assessment.view', `a${i}`);
  return { db, audit };
}
/** What an attacker with the file would do: lift the append-only triggers first. */
const unguard = (db: ReturnType<typeof openDb>) => db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');

describe('audit trail', () => {
  it('chains each row to the one before: hash = sha256(prev_hash + canonical row)', () => {
    const { db, audit } = trail();
    const rows = audit.recent(10).reverse();
    expect(rows[0].prevHash).toBe(GENESIS);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prevHash).toBe(rows[i - 1].hash);
    expect(rows[2].hash).toBe(rowHash(rows[1].hash, rows[2]));
    expect(audit.verify()).toEqual({ ok: true, rows: 5 });
    db.close();
  });

  it('refuses updates and deletes through SQL', () => {
    const { db } = trail();
    expect(() => db.prepare("UPDATE audit SET actor = 'x' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit WHERE seq = 2').run()).toThrow(/append-only/);
    db.close();
  });

  it('detects an altered row and names it', () => {
    const { db, audit } = trail();
    unguard(db);
    db.prepare("UPDATE audit SET object_id = 'other' WHERE seq = 3").run();
    expect(audit.verify()).toMatchObject({ ok: false, badSeq: 3, reason: expect.stringContaining('altered') });
    db.close();
  });

  it('detects a row deleted from the middle', () => {
    const { db, audit } = trail();
    unguard(db);
    db.prepare('DELETE FROM audit WHERE seq = 2').run();
    expect(audit.verify()).toMatchObject({ ok: false, badSeq: 3, reason: 'row 2 is missing' });
    db.close();
  });

  it('detects rows deleted from the end', () => {
    const { db, audit } = trail();
    unguard(db);
    db.prepare('DELETE FROM audit WHERE seq >= 4').run();
    expect(audit.verify()).toMatchObject({ ok: false, badSeq: 4 });
    db.close();
  });

  it('detects a row rewritten with a recomputed hash, because the next row no longer chains to it', () => {
    const { db, audit } = trail();
    unguard(db);
    const r = audit.recent(10).find((x) => x.seq === 2)!;
    const forged = { ...r, actor: 'user:someone-else' };
    db.prepare('UPDATE audit SET actor = ?, hash = ? WHERE seq = 2').run(forged.actor, rowHash(r.prevHash, forged));
    expect(audit.verify()).toMatchObject({ ok: false, badSeq: 3 });
    db.close();
  });
});
