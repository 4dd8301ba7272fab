// `npm run soak`: N concurrent clients for D seconds against a server this script starts on loopback; reports errors, latency and
// RSS over time and fails on any 5xx, network error, unexpected answer, or RSS growth beyond the bound.
// Usage: npm run soak -- --clients 32 --seconds 300 --encoder on --rss-growth-mb 64 [--rss-max-mb 300] [--token T]
// (a token is made in the fresh database unless --token is given)
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempDataDir } from '../bench/app.ts';
import { apiBody, quantile, SOAK_NOTES } from '../bench/cases.ts';
import { ROOT, rssMB, seedApiToken, spawnServer, stopServer, waitReady } from '../bench/server.ts';

export type SoakOptions = {
  clients: number; seconds: number; encoder: 'on' | 'off';
  /** Allowed RSS growth (MB) from the end of the warm-up to the end of the run. */
  rssGrowthMB: number;
  /** If given, the highest RSS sample (MB) at any time must stay at or under this. */
  rssMaxMB?: number;
  /** Seconds at the start whose RSS is not held against the server (heap and JIT settle). Default: a fifth of the run, at most 30 s. */
  warmupSeconds?: number;
  /** Extra headers for every request; an API token is made in the fresh database unless `authorization` is given here. */
  headers?: Record<string, string>;
  /** Environment for the server (for example a token it should accept). */
  env?: Record<string, string>;
  /** Where progress lines go; the report is returned either way. */
  print?: (line: string) => void;
};

export type SoakReport = {
  ok: boolean; problems: string[];
  requests: number; perSecond: number; byKind: Record<string, number>; statuses: Record<string, number>;
  errors: number; serverErrors: number; unexpected: number;
  latencyMs: { p50: number; p99: number; max: number };
  rss: { t: number; mb: number }[]; rssBaselineMB: number; rssEndMB: number; rssMaxMB: number; rssGrowthMB: number;
  exitCode: number | string; errorLogLines: number;
};

type Kind = 'create' | 'read' | 'page' | 'health';
const pick = (): Kind => { const r = Math.random(); return r < 0.7 ? 'create' : r < 0.85 ? 'read' : r < 0.95 ? 'page' : 'health'; };

/** Copies cached finding vectors from ./data/cache so an encoder-on server in a fresh DATA_DIR does not re-embed every phrase. */
function seedVectorCache(dataDir: string) {
  const from = path.join(ROOT, 'data', 'cache');
  if (!existsSync(from)) return;
  mkdirSync(path.join(dataDir, 'cache'), { recursive: true });
  for (const f of readdirSync(from)) if (f.endsWith('.bin')) copyFileSync(path.join(from, f), path.join(dataDir, 'cache', f));
}

export async function soak(o: SoakOptions): Promise<SoakReport> {
  const print = o.print ?? (() => {});
  const warmup = o.warmupSeconds ?? Math.min(30, o.seconds / 5);
  const dataDir = tempDataDir('barefoot-soak-');
  if (o.encoder === 'on') seedVectorCache(dataDir);
  const authorization = o.headers?.authorization ?? seedApiToken(dataDir, 'soak');
  const server = await spawnServer({ dataDir, encoder: o.encoder, env: { LOG_LEVEL: 'info', ...o.env } });
  const problems: string[] = [];
  try {
    await waitReady(server, 120_000);
  } catch (e) {
    await stopServer(server, 'SIGKILL');
    throw e;
  }
  const pid = server.child.pid!;
  const headers = { 'content-type': 'application/json', ...o.headers, authorization };
  const ids: string[] = [];
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const byKind: Record<string, number> = {};
  let errors = 0, serverErrors = 0, unexpected = 0;
  const t0 = performance.now();
  const deadline = t0 + o.seconds * 1000;
  const rss: { t: number; mb: number }[] = [];
  const sampleEvery = Math.max(250, Math.min(5000, (o.seconds * 1000) / 120));
  const sample = () => { const mb = rssMB(pid); if (mb !== undefined) rss.push({ t: Math.round((performance.now() - t0) / 100) / 10, mb: Math.round(mb * 10) / 10 }); };
  sample();
  const sampler = setInterval(sample, sampleEvery);
  let nextReport = t0 + Math.max(5000, (o.seconds * 1000) / 10);

  async function one(kind: Kind) {
    const s0 = performance.now();
    let status = 0;
    try {
      if (kind === 'create') {
        const note = SOAK_NOTES[Math.floor(Math.random() * SOAK_NOTES.length)];
        const r = await fetch(`${server.url}/api/v1/assessments`, { method: 'POST', headers, body: JSON.stringify(apiBody(note, 1 + Math.floor(Math.random() * 90), Math.random() < 0.5 ? 'female' : 'male')) });
        status = r.status;
        const body = (await r.json()) as { id?: string };
        if (status === 201 && body.id) { if (ids.length < 5000) ids.push(body.id); else ids[Math.floor(Math.random() * ids.length)] = body.id; }
      } else if (kind === 'read' && ids.length) {
        const r = await fetch(`${server.url}/api/v1/assessments/${ids[Math.floor(Math.random() * ids.length)]}`, { headers });
        status = r.status;
        await r.arrayBuffer();
      } else if (kind === 'page' || kind === 'read') {
        // Pages need a signed-in session: an anonymous browser is sent to the login page (303), which must itself answer 200.
        const r = await fetch(`${server.url}/login`, { redirect: 'manual' });
        status = r.status;
        await r.arrayBuffer();
      } else {
        const r = await fetch(`${server.url}/healthz`);
        status = r.status;
        await r.arrayBuffer();
      }
    } catch (e) {
      errors++;
      if (errors <= 5) problems.push(`${kind}: network error ${(e as Error).message}`);
      return;
    }
    latencies.push(performance.now() - s0);
    statuses[status] = (statuses[status] ?? 0) + 1;
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    if (status >= 500) serverErrors++;
    else if (status >= 400 || (kind === 'create' && status !== 201)) { unexpected++; if (unexpected <= 5) problems.push(`${kind}: unexpected status ${status}`); }
  }

  const client = async () => { while (performance.now() < deadline) await one(pick()); };
  const reporter = setInterval(() => {
    if (performance.now() < nextReport) return;
    nextReport += Math.max(5000, (o.seconds * 1000) / 10);
    const last = rss.at(-1);
    print(`${Math.round((performance.now() - t0) / 1000)} s: ${latencies.length} requests, ${errors + serverErrors + unexpected} failures, p50 ${quantile(latencies.slice(-2000), 0.5)?.toFixed(1)} ms, RSS ${last?.mb ?? '?'} MB`);
  }, 500);
  await Promise.all(Array.from({ length: o.clients }, client));
  clearInterval(sampler);
  clearInterval(reporter);
  sample();
  const elapsed = (performance.now() - t0) / 1000;
  const exitCode = await stopServer(server, 'SIGTERM');
  const errorLogLines = server.output().split('\n').filter((l) => l.includes('"level":"error"')).length;

  // RSS: the median of the samples just after the warm-up against the median of the last tenth of the run (GC makes single samples noisy).
  const after = rss.filter((s) => s.t >= warmup);
  const head = after.slice(0, Math.max(1, Math.ceil(after.length / 10)));
  const tail = after.slice(-Math.max(1, Math.ceil(after.length / 10)));
  const rssBaselineMB = quantile(head.map((s) => s.mb), 0.5) ?? 0;
  const rssEndMB = quantile(tail.map((s) => s.mb), 0.5) ?? 0;
  const rssGrowthMB = Math.round((rssEndMB - rssBaselineMB) * 10) / 10;
  if (serverErrors) problems.push(`${serverErrors} answer(s) with a 5xx status`);
  if (errors) problems.push(`${errors} network error(s)`);
  if (unexpected) problems.push(`${unexpected} unexpected 4xx/non-201 answer(s)`);
  if (rssGrowthMB > o.rssGrowthMB) problems.push(`RSS grew ${rssGrowthMB} MB after the warm-up (bound ${o.rssGrowthMB} MB)`);
  const rssMaxMB = Math.max(...rss.map((s) => s.mb));
  if (o.rssMaxMB !== undefined && rssMaxMB > o.rssMaxMB) problems.push(`RSS reached ${rssMaxMB} MB (bound ${o.rssMaxMB} MB)`);
  if (exitCode !== 0) problems.push(`the server exited with ${exitCode} on SIGTERM, not 0`);
  if (errorLogLines) problems.push(`the server logged ${errorLogLines} error line(s)`);
  if (!latencies.length) problems.push('no request completed');
  return {
    ok: problems.length === 0, problems, requests: latencies.length, perSecond: Math.round((latencies.length / elapsed) * 10) / 10, byKind, statuses,
    errors, serverErrors, unexpected,
    latencyMs: { p50: round(quantile(latencies, 0.5)), p99: round(quantile(latencies, 0.99)), max: round(Math.max(...latencies)) },
    rss, rssBaselineMB, rssEndMB, rssMaxMB, rssGrowthMB, exitCode, errorLogLines,
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string, fallback: string) => { const i = process.argv.indexOf(`--${name}`); return i >= 0 ? process.argv[i + 1] : fallback; };
  const token = arg('token', '');
  const opts: SoakOptions = {
    clients: Number(arg('clients', '32')), seconds: Number(arg('seconds', '300')), encoder: arg('encoder', 'on') === 'off' ? 'off' : 'on',
    rssGrowthMB: Number(arg('rss-growth-mb', '64')), rssMaxMB: arg('rss-max-mb', '') ? Number(arg('rss-max-mb', '')) : undefined,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    print: (l) => console.log(l),
  };
  console.log(`soak: ${opts.clients} clients × ${opts.seconds} s, encoder ${opts.encoder}, RSS growth bound ${opts.rssGrowthMB} MB${opts.rssMaxMB ? `, RSS ceiling ${opts.rssMaxMB} MB` : ''}`);
  const r = await soak(opts);
  const step = Math.max(1, Math.floor(r.rss.length / 20));
  console.log('\nRSS over time (s → MB):');
  console.log(r.rss.filter((_, i) => i % step === 0 || i === r.rss.length - 1).map((s) => `  ${String(s.t).padStart(6)}  ${s.mb}`).join('\n'));
  console.log(`\nrequests ${r.requests} (${r.perSecond}/s) ${JSON.stringify(r.byKind)}, statuses ${JSON.stringify(r.statuses)}`);
  console.log(`latency p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, max ${r.latencyMs.max} ms`);
  console.log(`errors ${r.errors}, 5xx ${r.serverErrors}, unexpected ${r.unexpected}; RSS ${r.rssBaselineMB} → ${r.rssEndMB} MB (growth ${r.rssGrowthMB}, max ${r.rssMaxMB}); exit ${r.exitCode}`);
  console.log(r.ok ? 'soak: PASSED' : `soak: FAILED\n  ${r.problems.join('\n  ')}`);
  const { rss: _rss, ...summary } = r;
  console.log(JSON.stringify({ soak: summary }));
  process.exit(r.ok ? 0 : 1);
}
