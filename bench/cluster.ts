// Multi-process mode: the primary forks N workers that each run createApp on one shared loopback port (node:cluster), then measures throughput.
// Usage: node --import tsx bench/cluster.ts --workers 2 --connections 32 --seconds 10 --encoder on   (prints one JSON line)
import cluster from 'node:cluster';
import { benchApp, benchDeps, tempDataDir } from './app.ts';
import { NOTES } from './cases.ts';
import { loadTest } from './load.ts';
import { freePort } from './server.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};

if (cluster.isPrimary) {
  const workers = Number(arg('workers', '2'));
  const connections = Number(arg('connections', '32'));
  const seconds = Number(arg('seconds', '10'));
  const encoder = arg('encoder', 'on');
  const port = await freePort();
  const dataDir = tempDataDir('barefoot-cluster-');
  const t0 = performance.now();
  let authorization = '';
  const ready = Array.from({ length: workers }, () => {
    const w = cluster.fork({ BENCH_PORT: String(port), BENCH_ENCODER: encoder, BENCH_DATA_DIR: dataDir });
    return new Promise<void>((resolve, reject) => {
      // Any worker's token works on every worker: they share one database.
      w.on('message', (m: { ready?: boolean; authorization?: string }) => { if (m?.ready) { authorization ||= m.authorization ?? ''; resolve(); } });
      w.on('exit', (code) => reject(new Error(`worker exited with ${code} before it was ready`)));
    });
  });
  await Promise.all(ready);
  const readyMs = Math.round(performance.now() - t0);
  const r = await loadTest(`http://127.0.0.1:${port}`, NOTES.typical, connections, seconds, { authorization });
  // Each worker is told to stop and its exit awaited, so no worker writes to a closed IPC channel.
  await Promise.all(Object.values(cluster.workers ?? {}).map((w) => new Promise<void>((resolve) => {
    if (!w || w.isDead()) { resolve(); return; }
    w.once('exit', () => resolve());
    w.send('stop');
    setTimeout(() => { if (!w.isDead()) w.process.kill('SIGKILL'); }, 10_000).unref();
  })));
  console.log(JSON.stringify({ bench: 'cluster', workers, encoder, readyMs, ...r }));
  process.exit(0);
} else {
  const deps = await benchDeps(process.env.BENCH_ENCODER === 'on', process.env.BENCH_DATA_DIR);
  const server = benchApp(deps).listen(Number(process.env.BENCH_PORT), '127.0.0.1', () => {
    process.send?.({ ready: true, authorization: deps.authorization });
  });
  process.on('message', (m) => {
    if (m !== 'stop') return;
    server.closeAllConnections();
    server.close(() => { deps.close(); process.exit(0); });
  });
}
