import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCaseList } from '../../../src/storage/cases.ts';
import { openDb } from '../../../src/storage/db.ts';
import { tempDir } from '../../helpers.ts';

const TRIAGE = ['emergency', 'urgent', 'routine', 'self-care'];
const NAMES = ['Pneumonia', 'Common cold', 'Asthma exacerbation', 'Meningitis', 'Gastroenteritis', 'Malaria', 'Urinary tract infection', 'Migraine'];

/** Inserts n case rows straight into SQLite, spread over a year, as the case list sees them. */
function seed(n: number) {
  const db = openDb(tempDir());
  db.pragma('synchronous = OFF'); // seeding only; the queries measured are the same either way
  const insert = db.prepare(`INSERT INTO cases (id, created_at, reference, updated_at, latest_id, triage, top_name, reviewed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const start = Date.parse('2025-01-01T00:00:00Z');
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const at = new Date(start + Math.floor((i * 365 * 86_400_000) / n)).toISOString();
      insert.run(randomUUID(), at, `MRN-${String(i).padStart(6, '0')}`, at, randomUUID(), TRIAGE[i % 4], NAMES[i % NAMES.length], i % 3 === 0 ? 1 : 0);
    }
  })();
  return db;
}

describe('case list', () => {
  it('filters by date range, reference, triage, top diagnosis and reviewed, and pages by keyset without gaps or repeats', () => {
    const db = seed(1000);
    const cases = createCaseList(db);
    const all = cases.list({ limit: 2000 }).rows;
    expect(all).toHaveLength(1000);
    expect(all[0].createdAt >= all[1].createdAt).toBe(true);
    const ref = cases.list({ reference: 'mrn-00012', limit: 50 }).rows;
    expect(ref.map((r) => r.reference).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `MRN-00012${i}`));
    const f = cases.list({ triage: 'urgent', dx: 'cold', reviewed: false, from: '2025-03-01', to: '2025-03-31', limit: 500 }).rows;
    expect(f.length).toBeGreaterThan(0);
    for (const r of f) {
      expect(r).toMatchObject({ triage: 'urgent', topName: 'Common cold', reviewed: false });
      expect(r.createdAt >= '2025-03-01' && r.createdAt < '2025-04-01').toBe(true);
    }
    const seen = new Set<string>();
    let page = cases.list({ limit: 300 });
    for (;;) {
      page.rows.forEach((r) => seen.add(r.id));
      if (!page.next) break;
      page = cases.list({ limit: 300, after: page.next });
    }
    expect(seen.size).toBe(1000);
    db.close();
  });

  it('treats % and _ in a search as plain characters', () => {
    const db = seed(20);
    expect(createCaseList(db).list({ dx: '%', limit: 50 }).rows).toHaveLength(0);
    db.close();
  });

  it('answers a filtered page from 100,000 cases in under 200 ms', () => {
    const t0 = performance.now();
    const db = seed(100_000);
    const seeded = performance.now() - t0;
    const cases = createCaseList(db);
    const queries = {
      'newest page': { limit: 50 },
      'triage + reviewed': { triage: 'emergency', reviewed: false, limit: 50 },
      'date range + diagnosis text': { from: '2025-06-01', to: '2025-06-30', dx: 'malaria', limit: 50 },
      'reference prefix': { reference: 'MRN-0999', limit: 50 },
      'no match (full scan)': { dx: 'no such condition', limit: 50 },
    };
    const timings: Record<string, number> = {};
    for (const [name, q] of Object.entries(queries)) {
      cases.list(q); // warm the statement cache
      const t = performance.now();
      const { rows, next } = cases.list(q);
      const second = next ? cases.list({ ...q, after: next }) : undefined;
      timings[name] = Math.round((performance.now() - t) * 100) / 100;
      expect(rows.length + (second?.rows.length ?? 0)).toBeGreaterThanOrEqual(name.startsWith('no match') ? 0 : 1);
    }
    console.log(`100k cases seeded in ${Math.round(seeded)} ms; first and second page per query (ms): ${JSON.stringify(timings)}`);
    for (const ms of Object.values(timings)) expect(ms).toBeLessThan(200);
    db.close();
  });
});
