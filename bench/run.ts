// `npm run bench`: stage and whole-assessment latency, API throughput (1, 8, 32 connections; 1 and 2 cluster workers), memory,
// peak RSS and cold start — measured on this machine and written to BENCHMARKS.md. Options: --runs N --seconds S --quick --out FILE.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../src/config.ts';
import { loadEncoder } from '../src/embed/load-encoder.ts';
import { loadKnowledge } from '../src/knowledge/load.ts';
import { createLogger } from '../src/logger.ts';
import { buildTextIndex } from '../src/pipeline/parse/note.ts';
import { assess } from '../src/pipeline/run.ts';
import type { CaseInput } from '../src/pipeline/types.ts';
import { benchApp, benchDeps, tempDataDir, VECTOR_CACHE_DIR } from './app.ts';
import { NOTES, type NoteKind, quantile, SOAK_NOTES, words } from './cases.ts';
import { type LoadResult, loadTest } from './load.ts';
import { peakRssMB, rssMB, seedApiToken, serverPid, spawnServer, stopServer, waitReady } from './server.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const quick = process.argv.includes('--quick');
const RUNS_OFF = Number(arg('runs', quick ? '40' : '200'));
const RUNS_ON = Math.max(20, Math.round(RUNS_OFF * 0.4));
const SECONDS = Number(arg('seconds', quick ? '3' : '6'));
const OUT = path.resolve(ROOT, arg('out', 'BENCHMARKS.md'));
const PEAK_SECONDS = quick ? 5 : 20;
const TARGET = { perSecond: 200, rssMB: 300, readyMs: 3000 };

const MB = (b: number) => Math.round((b / 2 ** 20) * 10) / 10;
const gc = () => { (globalThis as { gc?: () => void }).gc?.(); };
const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);
const started = performance.now();
const load0 = os.loadavg();

// ── Machine ────────────────────────────────────────────────────────────────────────────────────────────────────────
const machine = {
  date: new Date().toISOString(), node: process.version, platform: `${os.platform()} ${os.release()}`,
  cores: os.availableParallelism(), cpu: os.cpus()[0]?.model ?? 'unknown', memoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
};

// ── Memory: the knowledge base and the model in the heap ──────────────────────────────────────────────────────────
log('memory: loading the knowledge base and the encoder');
gc();
const heap0 = process.memoryUsage();
const kb = loadKnowledge(path.join(ROOT, 'knowledge'));
const text = buildTextIndex(kb);
gc();
const heap1 = process.memoryUsage();
const encoder = await loadEncoder({ modelsDir: path.join(ROOT, 'models'), modelId: 'phrase-encoder', cacheDir: VECTOR_CACHE_DIR }, kb, createLogger('silent'));
gc();
const heap2 = process.memoryUsage();
const memory = {
  gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
  kbHeapMB: MB(heap1.heapUsed - heap0.heapUsed), kbExternalMB: MB(heap1.external + heap1.arrayBuffers - heap0.external - heap0.arrayBuffers),
  encoderHeapMB: MB(heap2.heapUsed - heap1.heapUsed), encoderRssMB: MB(heap2.rss - heap1.rss),
  rssBeforeMB: MB(heap0.rss), rssAfterMB: MB(heap2.rss),
  conditions: kb.conditions.size, findings: kb.findings.size, phrases: encoder.vectors.phrases.length,
};

// ── Stages: each stage's time and the whole assessment, sequential, in-process ───────────────────────────────────────
type T = { parseMs: number; encoderMs: number; rankMs: number; explainMs: number; totalMs: number };
const stages: { encoder: string; note: NoteKind; words: number; runs: number; med: T; p95: number; p99: number; wallMed: number }[] = [];
for (const withEncoder of [false, true]) {
  for (const note of Object.keys(NOTES) as NoteKind[]) {
    const runs = note === 'limit' ? Math.max(10, Math.round(RUNS_ON / 4)) : withEncoder ? RUNS_ON : RUNS_OFF;
    log(`stages: encoder ${withEncoder ? 'on' : 'off'}, ${note} note, ${runs} runs`);
    const input: CaseInput = { patient: { age: 45, ageMonths: 540, sex: 'female' }, text: NOTES[note], findings: [], vitals: {}, settings: [] };
    const deps = { kb, text, encoder: withEncoder ? encoder : undefined, appVersion: 'bench' };
    for (let i = 0; i < (note === 'limit' ? 2 : 10); i++) await assess(input, deps);
    const t: T[] = [];
    const wall: number[] = [];
    for (let i = 0; i < runs; i++) {
      const w0 = performance.now();
      const o = await assess(input, deps);
      wall.push(performance.now() - w0);
      t.push(o.timings as T);
    }
    const med = Object.fromEntries((['parseMs', 'encoderMs', 'rankMs', 'explainMs', 'totalMs'] as const).map((k) => [k, quantile(t.map((x) => x[k]), 0.5)])) as T;
    const totals = t.map((x) => x.totalMs);
    stages.push({ encoder: withEncoder ? 'on' : 'off', note, words: words(NOTES[note]), runs, med, p95: quantile(totals, 0.95), p99: quantile(totals, 0.99), wallMed: quantile(wall, 0.5) });
  }
}

// ── API throughput: an in-process server on 127.0.0.1, autocannon from a worker thread ────────────────────────────────
const api: (LoadResult & { encoder: string })[] = [];
for (const withEncoder of [true, false]) {
  const deps = await benchDeps(withEncoder);
  const server = benchApp(deps).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const c of [1, 8, 32]) {
    log(`api: encoder ${withEncoder ? 'on' : 'off'}, ${c} connections, ${SECONDS} s`);
    api.push({ encoder: withEncoder ? 'on' : 'off', ...(await loadTest(url, NOTES.typical, c, SECONDS, { authorization: deps.authorization })) });
  }
  await new Promise((r) => server.close(r));
  deps.close();
}

// ── Multi-process: node:cluster with 1 and 2 workers sharing one port ────────────────────────────────────────────────
const clusterRuns: (LoadResult & { workers: number; readyMs: number })[] = [];
for (const workers of [1, 2]) {
  log(`cluster: ${workers} worker(s), encoder on, 32 connections, ${SECONDS} s`);
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/cluster.ts', '--workers', String(workers), '--connections', '32', '--seconds', String(SECONDS), '--encoder', 'on'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  clusterRuns.push(JSON.parse(out.trim().split('\n').pop()!));
}

// ── Cold start and RSS of the real server (npx tsx src/main.ts) ───────────────────────────────────────────────────────
const cold: { label: string; readyMs: number; ownMs?: number; rssMB?: number }[] = [];
async function coldStart(label: string, dataDir: string, encoderOn: boolean, then?: (url: string, pid: number, authorization: string) => Promise<void>, via: 'npx' | 'node' = 'npx') {
  log(`cold start: ${label}`);
  const authorization = then ? seedApiToken(dataDir) : '';
  const s = await spawnServer({ dataDir, encoder: encoderOn ? 'on' : 'off', via, env: { LOG_LEVEL: 'info' } });
  try {
    const readyMs = await waitReady(s, 180_000);
    const pid = serverPid(s);
    // main.ts logs `ready` with the milliseconds from its own start (config → knowledge → database → encoder), without process launch.
    const own = /"msg":"ready"[^\n]*"ms":(\d+)/.exec(s.output());
    cold.push({ label, readyMs: Math.round(readyMs), ownMs: own ? Number(own[1]) : undefined, rssMB: rssMB(pid) });
    if (then) await then(s.url, pid, authorization);
  } finally {
    await stopServer(s);
  }
}
const dir = tempDataDir('barefoot-cold-');
let peak: { afterReadyMB?: number; afterLoadMB?: number; peakMB?: number; load?: LoadResult } = {};
await coldStart('first start, encoder on (empty DATA_DIR: embeds every knowledge-base phrase, then caches)', dir, true);
await coldStart('restart, encoder on (phrase vectors from the cache)', dir, true, async (url, pid, authorization) => {
  const afterReadyMB = rssMB(pid);
  log(`peak RSS: ${PEAK_SECONDS} s of load at 32 connections against the spawned server (the soak's ${SOAK_NOTES.length} notes)`);
  const load = await loadTest(url, SOAK_NOTES, 32, PEAK_SECONDS, { authorization });
  peak = { afterReadyMB, afterLoadMB: rssMB(pid), peakMB: peakRssMB(pid), load };
});
await coldStart('start, encoder off', tempDataDir('barefoot-cold-'), false);
await coldStart('restart, encoder on, `node --import tsx src/main.ts` (no npx)', dir, true, undefined, 'node');

// ── Report ───────────────────────────────────────────────────────────────────────────────────────────────────────────
const f1 = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(1));
const f2 = (n: number) => n.toFixed(2);
const best1 = Math.max(...api.map((a) => a.perSecond));
const bestOn = Math.max(...api.filter((a) => a.encoder === 'on').map((a) => a.perSecond));
const restart = cold.find((c) => c.label.startsWith('restart'))!;
const first = cold.find((c) => c.label.startsWith('first'))!;
const rssOk = (peak.peakMB ?? Infinity) <= TARGET.rssMB;
const firstOk = (first.rssMB ?? Infinity) <= TARGET.rssMB;
const share = (enc: string, note: NoteKind, k: keyof T) => { const r = stages.find((x) => x.encoder === enc && x.note === note)!; return Math.round((r.med[k] / r.med.totalMs) * 100); };
const bestCluster = Math.max(...clusterRuns.map((c) => c.perSecond));
const verdict = (ok: boolean) => (ok ? '**met**' : '**not met**');
const totalS = Math.round((performance.now() - started) / 1000);
const load1 = os.loadavg();

const md = `# Benchmarks

Measured by \`npm run bench\` (\`bench/run.ts\`) on ${machine.date.slice(0, 10)}; every figure below comes from that run (${totalS} s in all).
Re-run it to refresh this file; \`--quick\` makes a shorter, noisier run.

| machine | |
| --- | --- |
| date | ${machine.date} |
| cores | ${machine.cores} (${machine.cpu}) |
| memory | ${machine.memoryGB} GB |
| Node.js | ${machine.node} |
| OS | ${machine.platform} |
| load average (1 min) at start / end | ${load0[0].toFixed(2)} / ${load1[0].toFixed(2)} |

${load0[0] > machine.cores * 0.5 ? `> The machine was busy with other work while this ran (load average ${load0[0].toFixed(1)} on ${machine.cores} cores), so the
> figures are pessimistic; on an idle machine expect them to be better, not worse.\n` : ''}
## Targets

| target | measured | verdict |
| --- | --- | --- |
| ≥ ${TARGET.perSecond} assessments/s on one process | ${f1(bestOn)}/s with the encoder, ${f1(best1)}/s best (API, typical note) | ${verdict(best1 >= TARGET.perSecond)} |
| RSS ≤ ${TARGET.rssMB} MB | ${f1(peak.afterReadyMB)} MB after loading, peak ${f1(peak.peakMB)} MB under load (encoder on, restart); ${f1(first.rssMB)} MB at ready on the very first start (while embedding every phrase) | ${rssOk && firstOk ? '**met**' : rssOk ? '**met** in steady state, **not met** on the first start' : '**not met**'} |
| ready ≤ ${TARGET.readyMs / 1000} s | ${restart.readyMs} ms restart with the encoder (cached phrase vectors) | ${verdict(restart.readyMs <= TARGET.readyMs)} |

Where the time goes (medians): with the encoder on, embedding the note's unmatched phrases is ${share('on', 'typical', 'encoderMs')}% of a typical
assessment and ${share('on', 'limit', 'encoderMs')}% of one at the 5,000-character limit; with it off, ranking is ${share('off', 'typical', 'rankMs')}% of a typical one.
Throughput is bounded by CPU on one event loop; ${clusterRuns.length} cluster runs (best ${f1(bestCluster)}/s) show what a second process adds on ${machine.cores} cores
that the load generator and the rest of the machine share.

## Each stage and the whole assessment (in-process, sequential)

Milliseconds per assessment of the shipped knowledge base (${memory.conditions} conditions, ${memory.findings} findings); stage columns are medians,
\`total\` is what \`assess()\` reports (parse → encoder → rank → explain), \`wall\` includes the call around it.

| encoder | note | words | runs | parse | encoder | rank | explain | total median | p95 | p99 | wall median |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${stages.map((s) => `| ${s.encoder} | ${s.note} | ${s.words} | ${s.runs} | ${f2(s.med.parseMs)} | ${f2(s.med.encoderMs)} | ${f2(s.med.rankMs)} | ${f2(s.med.explainMs)} | ${f2(s.med.totalMs)} | ${f2(s.p95)} | ${f2(s.p99)} | ${f2(s.wallMed)} |`).join('\n')}

## API throughput (one process)

\`POST /api/v1/assessments\` with the typical note, against \`createApp\` served in-process on 127.0.0.1 (random port) with the
**real** shipped encoder (\`phrase-encoder\`) or with the encoder off, storing every assessment in SQLite (WAL, synchronous=FULL).
autocannon runs in its own worker thread for ${SECONDS} s per row; on ${machine.cores} cores it competes with the server for CPU.

| encoder | connections | assessments/s | p50 ms | p99 ms | max ms | non-2xx | errors |
| --- | --- | --- | --- | --- | --- | --- | --- |
${api.map((a) => `| ${a.encoder} | ${a.connections} | ${f1(a.perSecond)} | ${a.p50} | ${a.p99} | ${a.max} | ${a.non2xx} | ${a.errors + a.timeouts} |`).join('\n')}

## Multi-process (\`bench/cluster.ts\`, node:cluster sharing one port)

Each worker loads the knowledge base and the real encoder and serves \`createApp\`; the primary runs autocannon (32 connections, ${SECONDS} s, typical note).

| workers | ready ms | assessments/s | p50 ms | p99 ms | non-2xx | errors |
| --- | --- | --- | --- | --- | --- | --- |
${clusterRuns.map((c) => `| ${c.workers} | ${c.readyMs} | ${f1(c.perSecond)} | ${c.p50} | ${c.p99} | ${c.non2xx} | ${c.errors + c.timeouts} |`).join('\n')}

## Cold start to ready

\`npx tsx src/main.ts\` spawned with a temp \`DATA_DIR\` and a free port; time until \`GET /healthz\` first answers 200 (polled every 25 ms).

| start | ready ms (spawn → 200) | of which in main() (its \`ready\` log) | RSS at ready MB |
| --- | --- | --- | --- |
${cold.map((c) => `| ${c.label} | ${c.readyMs} | ${c.ownMs ?? 'n/a'} | ${f1(c.rssMB)} |`).join('\n')}

## Memory

| what | MB |
| --- | --- |
| knowledge base + text index, heap | ${f1(memory.kbHeapMB)} |
| knowledge base + text index, external/array buffers | ${f1(memory.kbExternalMB)} |
| encoder (model + ${memory.phrases} phrase vectors), heap | ${f1(memory.encoderHeapMB)} |
| encoder, RSS growth (ONNX runtime is mostly outside the JS heap) | ${f1(memory.encoderRssMB)} |
| bench process RSS before / after loading both | ${f1(memory.rssBeforeMB)} / ${f1(memory.rssAfterMB)} |
| server (restart, encoder on): RSS after ready | ${f1(peak.afterReadyMB)} |
| server: RSS after ${PEAK_SECONDS} s at 32 connections (the soak's ${SOAK_NOTES.length} notes in turn; ${f1(peak.load?.perSecond)}/s, ${(peak.load?.non2xx ?? 0) + (peak.load?.errors ?? 0)} failures) | ${f1(peak.afterLoadMB)} |
| server: peak RSS (VmHWM) | ${f1(peak.peakMB)} |

Heap figures are taken after a forced GC (\`--expose-gc\`: ${memory.gcExposed ? 'yes' : 'no'}).
`;
writeFileSync(OUT, md);
log(`wrote ${path.relative(ROOT, OUT)} in ${totalS} s`);
console.log(JSON.stringify({ bench: 'all', machine, memory, stages: stages.map((s) => ({ encoder: s.encoder, note: s.note, median: s.med.totalMs, p95: s.p95, p99: s.p99 })), api, cluster: clusterRuns, cold, peak, seconds: totalS }));
process.exit(0);
