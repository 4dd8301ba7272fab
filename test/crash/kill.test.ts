// Crash safety: the real server (src/main.ts, encoder off) is SIGKILLed in the middle of a stream of writes and restarted on the
// same DATA_DIR; every acknowledged (201) assessment is there intact, the database passes integrity_check, nothing is half-written.
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiBody, SOAK_NOTES } from '../../bench/cases.ts';
import { seedApiToken, spawnServer, stopServer, waitReady } from '../../bench/server.ts';
import { tempDir } from '../helpers.ts';

describe('a server killed mid-write', () => {
  it('keeps every acknowledged assessment, whole, and a database that passes integrity_check', async () => {
    const dataDir = tempDir('barefoot-crash-');
    const authorization = seedApiToken(dataDir, 'crash');
    const first = await spawnServer({ dataDir, encoder: 'off' });
    await waitReady(first, 60_000);

    const acked = new Map<string, string>();
    let failures = 0;
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const text = `${SOAK_NOTES[(w + i) % SOAK_NOTES.length]} [writer ${w} #${i}]`;
        try {
          const r = await fetch(`${first.url}/api/v1/assessments`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(apiBody(text)) });
          const body = (await r.json()) as { id?: string };
          if (r.status === 201 && body.id) acked.set(body.id, text);
          else if (!stop) throw new Error(`unexpected ${r.status} before the kill`);
        } catch (e) {
          if (!stop) throw e;
          failures++;
        }
      }
    };
    const writers = Array.from({ length: 6 }, (_, w) => writer(w));
    // Let enough writes land that the kill falls among them, then kill without warning.
    const t0 = Date.now();
    while (acked.size < 25 && Date.now() - t0 < 15_000) await new Promise((r) => setTimeout(r, 20));
    first.child.kill('SIGKILL');
    stop = true;
    expect(await first.exited).toBe('SIGKILL');
    await Promise.all(writers);
    expect(acked.size).toBeGreaterThanOrEqual(10);

    const second = await spawnServer({ dataDir, encoder: 'off' });
    try {
      await waitReady(second, 60_000);
      for (const [id, text] of acked) {
        const r = await fetch(`${second.url}/api/v1/assessments/${id}`, { headers: { authorization } });
        expect(r.status, `acknowledged assessment ${id}`).toBe(200);
        const a = (await r.json()) as { input: { text: string }; differential: unknown[]; triage: { level: string } };
        expect(a.input.text).toBe(text);
        expect(a.triage.level).toMatch(/^(emergency|urgent|routine|self-care)$/);
      }
      // The server takes writes again after the crash.
      const again = await fetch(`${second.url}/api/v1/assessments`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(apiBody('fever after restart')) });
      expect(again.status).toBe(201);
    } finally {
      expect(await stopServer(second)).toBe(0);
    }

    const db = new Database(path.join(dataDir, 'barefoot.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const rows = db.prepare('SELECT id, case_id, input_json, opinion_json FROM assessments').all() as { id: string; case_id: string; input_json: string; opinion_json: string }[];
      expect(rows.length).toBeGreaterThanOrEqual(acked.size + 1);
      for (const r of rows) {
        const input = JSON.parse(r.input_json);
        const opinion = JSON.parse(r.opinion_json);
        expect(typeof input.text).toBe('string');
        expect(Array.isArray(opinion.differential)).toBe(true);
      }
      // A case and its first assessment are written in one transaction: no case is left without one.
      expect(db.prepare('SELECT COUNT(*) AS n FROM cases WHERE id NOT IN (SELECT case_id FROM assessments)').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  }, 90_000);
});
