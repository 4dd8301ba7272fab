// Spawning the real server (src/main.ts) as a child process on loopback: a free port, readiness polling, RSS, signals — for bench, soak and crash tests.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDb } from '../src/storage/db.ts';
import { createStores } from '../src/storage/stores.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A port the kernel just gave out on 127.0.0.1 (released before use, so a rare race with another process is possible). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Makes an API token straight in the database under DATA_DIR (before the server starts, as an admin would on the tokens page)
 * and returns its `Authorization` header value.
 */
export function seedApiToken(dataDir: string, name = 'load-test'): string {
  const db = openDb(dataDir);
  try {
    return `Bearer ${createStores(db).tokens.create(`${name}-${Math.random().toString(36).slice(2, 8)}`, 'bench').token}`;
  } finally {
    db.close();
  }
}

/** Environment that lifts the per-token API rate limit, so load tests measure the server and not the limiter. */
export const NO_RATE_LIMIT = { API_RATE_LIMIT: '100000000' };

export type Spawned = {
  child: ChildProcess; port: number; url: string;
  /** Everything the server printed on stdout and stderr so far (JSON log lines). */
  output(): string;
  /** Resolves with the exit code (or signal name) once the process has ended. */
  exited: Promise<number | string>;
};

export type SpawnOptions = {
  dataDir: string; port?: number; encoder?: 'on' | 'off'; env?: Record<string, string>;
  /**
   * `node` runs `node --import tsx src/main.ts`: one process, so signals reach the server itself (crash and shutdown tests).
   * `npx` runs `npx tsx src/main.ts` as `npm start` does, in its own process group (cold-start figures include npx and tsx's launcher).
   */
  via?: 'node' | 'npx';
};

export async function spawnServer(o: SpawnOptions): Promise<Spawned> {
  const port = o.port ?? (await freePort());
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: o.dataDir, ENCODER: o.encoder ?? 'off', LOG_LEVEL: 'info', ...NO_RATE_LIMIT, ...o.env };
  const via = o.via ?? 'node';
  const child = via === 'node'
    ? spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn('npx', ['tsx', 'src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, port, url: `http://127.0.0.1:${port}`, output: () => out, exited };
}

/** Polls GET /healthz until it answers 200; throws with the server's output if it exits or the time runs out. */
export async function waitReady(s: Spawned, timeoutMs = 60_000, everyMs = 25): Promise<number> {
  const t0 = performance.now();
  let dead = false;
  void s.exited.then(() => { dead = true; });
  while (performance.now() - t0 < timeoutMs) {
    if (dead) throw new Error(`the server exited before it was ready:\n${s.output().slice(-2000)}`);
    try {
      const r = await fetch(`${s.url}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (r.status === 200) return performance.now() - t0;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`the server was not ready within ${timeoutMs} ms:\n${s.output().slice(-2000)}`);
}

/** Ends a spawned server and waits for it; `npx` servers are signalled as a whole process group. */
export async function stopServer(s: Spawned, signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<number | string> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return s.exited;
  const kill = (sig: NodeJS.Signals) => {
    try {
      if (s.child.spawnargs[0] === 'npx') process.kill(-s.child.pid!, sig); else s.child.kill(sig);
    } catch { /* already gone */ }
  };
  kill(signal);
  const timer = setTimeout(() => kill('SIGKILL'), timeoutMs);
  const code = await s.exited;
  clearTimeout(timer);
  return code;
}

/** Resident set size of a process in MB, from /proc (Linux); undefined where /proc is not available. */
export function rssMB(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch { return undefined; }
}

/** Peak resident set size (VmHWM) of a process in MB, from /proc (Linux). */
export function peakRssMB(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch { return undefined; }
}

/** The pid of the node process that actually serves (for `npx` the deepest descendant), found through /proc. */
export function serverPid(s: Spawned): number {
  let pid = s.child.pid!;
  for (let depth = 0; depth < 5; depth++) {
    let kids: string[] = [];
    try { kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean); } catch { break; }
    if (!kids.length) break;
    pid = Number(kids[kids.length - 1]);
  }
  return pid;
}
