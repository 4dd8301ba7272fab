// Entry point: config → knowledge → database → encoder → app → listen, with a graceful shutdown that finishes requests in flight.
import path from 'node:path';
import { createApp } from './app.ts';
import { loadConfig, ROOT } from './config.ts';
import { loadEncoder } from './embed/load-encoder.ts';
import { loadKnowledge } from './knowledge/load.ts';
import { createLogger } from './logger.ts';
import { buildTextIndex } from './pipeline/parse/note.ts';
import { assess, type Encoder } from './pipeline/run.ts';
import { createAssessmentStore } from './storage/assessments.ts';
import { openDb } from './storage/db.ts';
import { APP_VERSION } from './version.ts';
import { createRenderer } from './web/views.ts';

async function main() {
  const t0 = performance.now();
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const kb = loadKnowledge(config.knowledgeDir);
  const text = buildTextIndex(kb);
  const db = openDb(config.dataDir);
  const store = createAssessmentStore(db);
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
  const app = createApp({
    kb, store, logger, render, bodyLimit: config.bodyLimit,
    versions: { app: APP_VERSION, knowledge: kb.manifest.version, model: config.encoder ? config.modelId : 'off' },
    readiness: () => ({ knowledge: true, database: db.open, model: modelReady }),
    assess: async (input) => { await encoderLoaded; return assess(input, { kb, text, encoder, appVersion: APP_VERSION }); },
  });
  const server = app.listen(config.port, config.host, () => {
    logger.info('listening', { url: `http://${config.host}:${config.port}/`, knowledge: kb.manifest.version, conditions: kb.conditions.size, findings: kb.findings.size, ms: Math.round(performance.now() - t0) });
  });
  encoderLoaded.then(() => logger.info('ready', { ms: Math.round(performance.now() - t0) })).catch(() => {});
  const stop = (signal: string) => {
    logger.info('shutting down', { signal });
    server.close(() => { db.close(); process.exit(0); });
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
