// The real application wired in-process for measurement: shipped knowledge base, the shipped encoder or none, a temp database.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type AppDeps, createApp } from '../src/app.ts';
import { ROOT } from '../src/config.ts';
import { loadEncoder } from '../src/embed/load-encoder.ts';
import { loadKnowledge } from '../src/knowledge/load.ts';
import { createLogger } from '../src/logger.ts';
import { buildTextIndex } from '../src/pipeline/parse/note.ts';
import { assess, type Encoder } from '../src/pipeline/run.ts';
import { createSetupGate } from '../src/auth/setup-gate.ts';
import { openDb } from '../src/storage/db.ts';
import { learningStats } from '../src/storage/learning.ts';
import { createStores } from '../src/storage/stores.ts';
import { createRenderer } from '../src/web/views.ts';

export const tempDataDir = (prefix = 'barefoot-bench-') => mkdtempSync(path.join(os.tmpdir(), prefix));

/** The finding-vector cache lives in the repository's data/cache (as for `npm start`), so only the first ever run embeds the phrases. */
export const VECTOR_CACHE_DIR = path.join(ROOT, 'data');

/**
 * Deps as main.ts wires them, with a silent logger, no per-token rate limit (the limit would cap the measurement, not the server)
 * and one API token made in the database; `authorization` is its header value.
 */
export async function benchDeps(withEncoder: boolean, dataDir = tempDataDir()): Promise<AppDeps & { authorization: string; close(): void }> {
  const logger = createLogger('silent');
  const kb = loadKnowledge(path.join(ROOT, 'knowledge'));
  const text = buildTextIndex(kb);
  const encoder: Encoder | undefined = withEncoder
    ? await loadEncoder({ modelsDir: path.join(ROOT, 'models'), modelId: 'phrase-encoder', cacheDir: VECTOR_CACHE_DIR }, kb, logger)
    : undefined;
  const db = openDb(dataDir);
  const stores = createStores(db);
  const authorization = `Bearer ${stores.tokens.create(`bench-${process.pid}-${Math.random().toString(36).slice(2, 8)}`, 'bench').token}`;
  return {
    ...stores, kb, logger, render: createRenderer(path.join(ROOT, 'views')), bodyLimit: '100kb', authorization,
    security: { cookieSecure: false, sessionHours: 12, loginPerMinute: 10, apiPerMinute: 1e9 },
    setup: createSetupGate(undefined, () => stores.users.count()), learning: () => learningStats(db), clock: Date.now,
    versions: { app: 'bench', knowledge: kb.manifest.version, model: encoder?.embedder.id ?? 'off' },
    readiness: () => ({ knowledge: true, model: true, database: db.open }),
    assess: (input) => assess(input, { kb, text, encoder, appVersion: 'bench' }),
    close: () => db.close(),
  };
}

export const benchApp = (deps: AppDeps) => createApp(deps);
