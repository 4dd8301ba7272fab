import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/storage/db.ts';
import { MIGRATIONS } from '../../../src/storage/migrations.ts';
import { tempDir } from '../../helpers.ts';

describe('migration 2 (accounts, reviews, audit, case-list columns)', () => {
  it('fills the case-list columns of cases stored before it, from their newest assessment', () => {
    const db = new Database(path.join(tempDir(), 'old.sqlite'));
    db.exec(MIGRATIONS[0]);
    db.pragma('user_version = 1');
    db.prepare("INSERT INTO cases (id, created_at, reference) VALUES ('c1', '2025-01-01T00:00:00.000Z', 'MRN-1')").run();
    const add = db.prepare(`INSERT INTO assessments (id, case_id, version, created_at, input_json, opinion_json, triage, top_condition, app_version, knowledge_version, model_id)
      VALUES (?, 'c1', ?, ?, '{}', ?, ?, ?, '0', '0', 'm')`);
    add.run('a1', 1, '2025-01-01T00:00:00.000Z', JSON.stringify({ differential: [{ condition: { id: 'cold', name: 'Common cold' } }] }), 'self-care', 'cold');
    add.run('a2', 2, '2025-01-02T00:00:00.000Z', JSON.stringify({ differential: [{ condition: { id: 'pneumonia', name: 'Pneumonia' } }] }), 'urgent', 'pneumonia');
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare('SELECT latest_id, triage, top_name, reviewed, updated_at FROM cases').get()).toEqual({
      latest_id: 'a2', triage: 'urgent', top_name: 'Pneumonia', reviewed: 0, updated_at: '2025-01-02T00:00:00.000Z',
    });
    db.close();
  });
});
