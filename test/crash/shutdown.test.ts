// Graceful shutdown: on SIGTERM the real server stops taking connections, finishes the requests already in flight (even one whose
// body is still arriving), and exits 0 with every acknowledged write stored.
import Database from 'better-sqlite3';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiBody, NOTES } from '../../bench/cases.ts';
import { seedApiToken, spawnServer, waitReady } from '../../bench/server.ts';
import { tempDir } from '../helpers.ts';

/** A POST whose body is sent in two halves, the second only when `finish` is called: in flight for as long as we like. */
function slowPost(url: string, authorization: string, text: string) {
  const body = Buffer.from(JSON.stringify(apiBody(text)));
  const u = new URL(`${url}/api/v1/assessments`);
  let finish!: () => void;
  const done = new Promise<{ status: number; id?: string }>((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length, authorization } }, (res) => {
      let data = '';
      res.on('data', (d) => { data += d; });
      res.on('end', () => { try { resolve({ status: res.statusCode!, id: JSON.parse(data).id }); } catch { resolve({ status: res.statusCode! }); } });
    });
    req.on('error', reject);
    req.write(body.subarray(0, body.length >> 1));
    req.flushHeaders();
    finish = () => req.end(body.subarray(body.length >> 1));
  });
  return { done, finish: () => finish() };
}

/** A POST on its own fresh connection; resolves with the status, or with the connection error's code. */
function post(url: string, authorization: string, text: string): Promise<{ status: number; id?: string; error?: string }> {
  const body = Buffer.from(JSON.stringify(apiBody(text)));
  const u = new URL(`${url}/api/v1/assessments`);
  return new Promise((resolve) => {
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': body.length, authorization } }, (res) => {
      let data = '';
      res.on('data', (d) => { data += d; });
      res.on('end', () => { try { resolve({ status: res.statusCode!, id: JSON.parse(data).id }); } catch { resolve({ status: res.statusCode! }); } });
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ status: 0, error: e.code ?? e.message }));
    req.end(body);
  });
}

describe('SIGTERM', () => {
  it('finishes the requests in flight, refuses new ones, and exits 0', async () => {
    const dataDir = tempDir('barefoot-shutdown-');
    const authorization = seedApiToken(dataDir, 'shutdown');
    const s = await spawnServer({ dataDir, encoder: 'off' });
    await waitReady(s, 60_000);

    const slow = [slowPost(s.url, authorization, `${NOTES.typical} [slow 1]`), slowPost(s.url, authorization, `${NOTES.short} [slow 2]`)];
    const quick = Array.from({ length: 8 }, (_, i) => post(s.url, authorization, `${NOTES.long} [quick ${i}]`));
    await new Promise((r) => setTimeout(r, 300));
    const t0 = Date.now();
    s.child.kill('SIGTERM');
    // The signal is handled once the event loop is free of the assessments in progress; then the listening socket is closed
    // and a new connection is refused while the old ones finish.
    while (!s.output().includes('shutting down') && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    const probe = await new Promise<string>((resolve) => {
      http.get({ host: '127.0.0.1', port: s.port, path: '/healthz', agent: false }, (res) => { res.resume(); resolve(`answered ${res.statusCode}`); })
        .on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    });
    // Refused, or reset if it reached the kernel's backlog just before the socket closed: either way, not served.
    expect(['ECONNREFUSED', 'ECONNRESET']).toContain(probe);
    for (const p of slow) p.finish();
    // Requests on accepted connections are answered, read or not (the server stops listening but keeps those connections). A
    // connection still in the kernel's accept queue when listening stops is reset by the kernel: never answered, never stored.
    const begun = await Promise.all(slow.map((p) => p.done));
    for (const a of begun) expect(a.status).toBe(201);
    const burst = await Promise.all(quick);
    for (const a of burst) expect(a.status === 201 || (a.status === 0 && a.error === 'ECONNRESET'), JSON.stringify(a)).toBe(true);
    const answers = [...begun, ...burst.filter((a) => a.status === 201)];
    expect(await s.exited).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(s.output()).toContain('shutting down');

    const db = new Database(path.join(dataDir, 'barefoot.sqlite'), { readonly: true });
    try {
      for (const a of answers) expect(db.prepare('SELECT 1 AS ok FROM assessments WHERE id = ?').get(a.id), `assessment ${a.id}`).toEqual({ ok: 1 });
      // Nothing was stored for a request whose answer was lost: the rows are exactly the acknowledged writes.
      expect(db.prepare('SELECT COUNT(*) AS n FROM assessments').get()).toEqual({ n: answers.length });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  }, 60_000);
});
