import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../src/storage/db.ts';
import { MIGRATIONS } from '../../../src/storage/migrations.ts';
import { tempDir } from '../../helpers.ts';

describe('database', () => {
  it('creates the file owner-only, in WAL mode with foreign keys, migrated to the latest version', () => {
    const dir = path.join(tempDir(), 'nested', 'data');
    const db = openDb(dir);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(statSync(path.join(dir, 'barefoot.sqlite')).mode & 0o777).toBe(0o600);
    db.close();
    const again = openDb(dir);
    expect(again.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    again.close();
  });
});
