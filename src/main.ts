// Entry point: config → knowledge → database → encoder → app → listen, with a graceful shutdown that finishes requests in flight.
import { rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createApp } from './app.ts';
import { loadConfig, ROOT } from './config.ts';
import { loadEncoder } from './embed/load-encoder.ts';
import { loadKnowledge } from './knowledge/load.ts';
import { createLogger } from './logger.ts';
import { buildTextIndex } from './pipeline/parse/note.ts';
import { assess, type Encoder } from './pipeline/run.ts';
import { createSetupGate } from './auth/setup-gate.ts';
import { randomSecret } from './auth/secrets.ts';
import { PID_FILE } from './storage/backup.ts';
import { openDb } from './storage/db.ts';
import { learningStats } from './storage/learning.ts';
import { sweepRetention } from './storage/retention.ts';
import { createStores } from './storage/stores.ts';
import { APP_VERSION } from './version.ts';
import { createRenderer } from './web/views.ts';

async function main() {
  const t0 = performance.now();
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const kb = loadKnowledge(config.knowledgeDir);
  const text = buildTextIndex(kb);
  const db = openDb(config.dataDir);
  const stores = createStores(db);
  // The pid file tells `npm run restore` that the server is running on this DATA_DIR.
  const pidFile = path.join(config.dataDir, PID_FILE);
  writeFileSync(pidFile, String(process.pid), { mode: 0o600 });
  const sweep = () => {
    const removed = sweepRetention(db, config.retentionDays);
    const sessions = stores.sessions.purgeExpired(Date.now());
    if (removed) stores.audit.append('system', 'retention.sweep', String(removed));
    logger.info('retention sweep', { cases: removed, sessions, retentionDays: config.retentionDays });
  };
  sweep();
  const daily = setInterval(sweep, 86_400_000);
  daily.unref();
  const render = createRenderer(path.join(ROOT, 'views'));
  let encoder: Encoder | undefined;
  let modelReady = !config.encoder;
  const encoderLoaded = config.encoder
    ? loadEncoder({ modelsDir: config.modelsDir, modelId: config.modelId, cacheDir: config.dataDir }, kb, logger).then((e) => { encoder = e; modelReady = true; })
    : Promise.resolve();
  encoderLoaded.catch((e: Error) => {
    logger.error('the model could not be loaded; the server stops', { model: config.modelId, error: e.message.slice(0, 300) });
    process.exit(1);
  });
  // With no user yet, a one-time setup token lets the first person create the admin account; it is printed once, never logged.
  const setupToken = stores.users.count() === 0 ? randomSecret(24) : undefined;
  const app = createApp({
    ...stores, kb, text, logger, render, bodyLimit: config.bodyLimit,
    security: { cookieSecure: config.cookieSecure, sessionHours: config.sessionHours, loginPerMinute: config.loginPerMinute, apiPerMinute: config.apiPerMinute },
    setup: createSetupGate(setupToken, () => stores.users.count()),
    learning: () => learningStats(db),
    clock: Date.now,
    versions: { app: APP_VERSION, knowledge: kb.manifest.version, model: config.encoder ? config.modelId : 'off' },
    readiness: () => ({ knowledge: true, database: db.open, model: modelReady }),
    assess: async (input) => { await encoderLoaded; return assess(input, { kb, text, encoder, appVersion: APP_VERSION }); },
  });
  const server = app.listen(config.port, config.host, () => {
    logger.info('listening', { url: `http://${config.host}:${config.port}/`, knowledge: kb.manifest.version, conditions: kb.conditions.size, findings: kb.findings.size, ms: Math.round(performance.now() - t0) });
    if (setupToken) process.stdout.write(`No user exists yet. Create the first admin at http://${config.host}:${config.port}/setup?token=${setupToken}\n`);
  });
  encoderLoaded.then(() => logger.info('ready', { ms: Math.round(performance.now() - t0) })).catch(() => {});
  let stopping = false;
  // While draining, every answer asks the client to close its connection, so keep-alive sockets end after their request.
  server.on('request', (_req, res) => { if (stopping) res.setHeader('Connection', 'close'); });
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    clearInterval(daily);
    // net.Server's own close stops listening without dropping connections whose request has arrived but not yet been read
    // (http.Server.close in Node 20 also closes "idle" ones); idle sockets are closed after a grace period, and 10 s is the limit.
    net.Server.prototype.close.call(server, () => { db.close(); rmSync(pidFile, { force: true }); process.exit(0); });
    setTimeout(() => server.closeIdleConnections(), 3_000).unref();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((e: Error) => {
  // Start-up problems (bad configuration, a broken knowledge base) are listed in full so they can be fixed at once.
  process.stderr.write(`barefoot could not start:\n${e.message}\n`);
  process.exit(1);
});
