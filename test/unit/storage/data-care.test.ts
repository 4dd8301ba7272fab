import Database from 'better-sqlite3';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupTo, PID_FILE, restoreFrom } from '../../../src/storage/backup.ts';
import { openDb } from '../../../src/storage/db.ts';
import { sweepRetention } from '../../../src/storage/retention.ts';
import { createStores } from '../../../src/storage/stores.ts';
import { caseOf, fixtureKb, tempDir } from '../../helpers.ts';
import { assess } from '../../../src/pipeline/run.ts';
import { buildTextIndex } from '../../../src/pipeline/parse/note.ts';

async function withCase(dir: string) {
  const db = openDb(dir);
  const s = createStores(db);
  const kb = fixtureKb();
  const input = caseOf('fever and cough');
  const a = s.store.create(input, await assess(input, { kb, text: buildTextIndex(kb), appVersion: 'test' }), undefined, { reference: 'MRN-1' });
  return { db, s, a };
}

describe('backup and restore', () => {
  it('backs up online, owner-only, and restores into DATA_DIR with every record back', async () => {
    const dir = tempDir();
    const { db, s, a } = await withCase(dir);
    const file = path.join(tempDir(), 'backup.sqlite');
    await backupTo(db, file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await expect(backupTo(db, file)).rejects.toThrow(/already exists/);
    // After the backup: a record that the restore must roll back.
    s.store.create(caseOf('headache'), a.opinion);
    db.close();
    restoreFrom(file, dir);
    const back = createStores(openDb(dir));
    expect(back.store.get(a.id)).toMatchObject({ id: a.id, reference: 'MRN-1' });
    expect(back.cases.list({ limit: 10 }).rows).toHaveLength(1);
    expect(statSync(path.join(dir, 'barefoot.sqlite')).mode & 0o777).toBe(0o600);
  });

  it('refuses to restore while the server runs on the same DATA_DIR', async () => {
    const dir = tempDir();
    const { db } = await withCase(dir);
    const file = path.join(tempDir(), 'b.sqlite');
    await backupTo(db, file);
    db.close();
    writeFileSync(path.join(dir, PID_FILE), String(process.pid));
    expect(() => restoreFrom(file, dir)).toThrow(/stop it before restoring/);
  });

  it('refuses a file that is not a barefoot database, leaving the current one in place', async () => {
    const dir = tempDir();
    const { db } = await withCase(dir);
    db.close();
    const junk = path.join(tempDir(), 'junk.sqlite');
    writeFileSync(junk, 'not sqlite at all, just text that is long enough to be read as a header...');
    expect(() => restoreFrom(junk, dir)).toThrow(/not a barefoot database|integrity/);
    const newer = path.join(tempDir(), 'newer.sqlite');
    const n = new Database(newer); n.pragma('user_version = 999'); n.close();
    expect(() => restoreFrom(newer, dir)).toThrow(/newer barefoot/);
    expect(existsSync(path.join(dir, 'barefoot.sqlite'))).toBe(true);
  });
});

describe('retention', () => {
  it('keeps everything with RETENTION_DAYS=0 and deletes cases (with assessments and reviews) older than the setting', async () => {
    const dir = tempDir();
    const { db, s, a } = await withCase(dir);
    expect(sweepRetention(db, 0)).toBe(0);
    expect(sweepRetention(db, 30)).toBe(0);
    expect(sweepRetention(db, 30, Date.now() + 31 * 86_400_000)).toBe(1);
    expect(s.store.get(a.id)).toBeUndefined();
    expect(s.store.count()).toBe(0);
    db.close();
  });
});
