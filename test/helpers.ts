// Shared test wiring: the fixture knowledge base, a temp data folder, and createApp deps with the fake embedder.
import { mkdtempSync } from 'node:fs';
import request from 'supertest';
import { createApp } from '../src/app.ts';
import { hashPassword, type ScryptParams } from '../src/auth/passwords.ts';
import type { Role } from '../src/auth/roles.ts';
import { createSetupGate } from '../src/auth/setup-gate.ts';
import os from 'node:os';
import path from 'node:path';
import type { AppDeps } from '../src/app.ts';
import { ROOT } from '../src/config.ts';
import { createFakeEmbedder } from '../src/embed/fake.ts';
import { buildFindingVectors } from '../src/embed/finding-vectors.ts';
import { loadKnowledge } from '../src/knowledge/load.ts';
import type { KnowledgeBase } from '../src/knowledge/types.ts';
import { createLogger } from '../src/logger.ts';
import { buildTextIndex } from '../src/pipeline/parse/note.ts';
import { assess, type Encoder } from '../src/pipeline/run.ts';
import type { CaseInput } from '../src/pipeline/types.ts';
import { type Db, openDb } from '../src/storage/db.ts';
import { learningStats } from '../src/storage/learning.ts';
import { createStores } from '../src/storage/stores.ts';
import { createRenderer } from '../src/web/views.ts';

export const FIXTURE_KB = path.join(ROOT, 'test', 'fixtures', 'knowledge');

let cached: KnowledgeBase | undefined;
export function fixtureKb(): KnowledgeBase {
  cached ??= loadKnowledge(FIXTURE_KB);
  return cached;
}

export const tempDir = (prefix = 'barefoot-test-') => mkdtempSync(path.join(os.tmpdir(), prefix));

export async function fakeEncoder(kb: KnowledgeBase, threshold = 0.75): Promise<Encoder> {
  const embedder = createFakeEmbedder();
  return { embedder, vectors: await buildFindingVectors(kb, embedder, undefined), threshold };
}

export function caseOf(text: string, patient: CaseInput['patient'] = { age: 40, ageMonths: 480, sex: 'female' }, extra: Partial<CaseInput> = {}): CaseInput {
  return { patient, text, findings: [], vitals: {}, settings: [], ...extra };
}

/** Cheap scrypt for tests (the shipped cost is 16× higher); the stored hash records it, so verification is the same code. */
export const TEST_SCRYPT: ScryptParams = { N: 1024, r: 8, p: 1 };

export type TestDeps = AppDeps & { db: Db; tick(ms: number): void };

/** Deps over a fresh database; `tick` moves the app's clock forward (sessions, lockouts, rate windows). */
export async function testDeps(dataDir = tempDir(), logs: string[] = [], overrides: Partial<AppDeps['security']> & { setupToken?: string } = {}): Promise<TestDeps> {
  const kb = fixtureKb();
  const text = buildTextIndex(kb);
  const encoder = await fakeEncoder(kb);
  const db = openDb(dataDir);
  const stores = createStores(db);
  let offset = 0;
  const { setupToken, ...security } = overrides;
  return {
    db, ...stores, kb, logger: createLogger('info', (l) => logs.push(l)),
    security: { cookieSecure: false, sessionHours: 12, loginPerMinute: 1000, apiPerMinute: 10_000, scrypt: TEST_SCRYPT, ...security },
    setup: createSetupGate(setupToken, () => stores.users.count()),
    learning: () => learningStats(db),
    clock: () => Date.now() + offset,
    tick: (ms) => { offset += ms; },
    render: createRenderer(path.join(ROOT, 'views')), bodyLimit: '100kb',
    versions: { app: 'test', knowledge: kb.manifest.version, model: encoder.embedder.id },
    readiness: () => ({ knowledge: true, model: true, database: db.open }),
    assess: (input) => assess(input, { kb, text, encoder, appVersion: 'test' }),
  };
}

export const TEST_PASSWORD = 'correct horse battery';

/** A user made straight in the database (fast), named after the role unless a name is given. */
export async function addUser(deps: AppDeps, role: Role, username: string = `${role}-${Math.random().toString(36).slice(2, 8)}`, password = TEST_PASSWORD) {
  return deps.users.create(username, role, await hashPassword(password, TEST_SCRYPT));
}

/** The CSRF token a page's forms carry. */
export const csrfOf = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** A supertest agent signed in through the real login form, with the session's CSRF token for its posts. */
export async function loginAgent(app: ReturnType<typeof createApp>, deps: AppDeps, role: Role, username?: string) {
  const user = await addUser(deps, role, username);
  const agent = request.agent(app);
  const form = await agent.get('/login').expect(200);
  await agent.post('/login').type('form').send({ username: user.username, password: TEST_PASSWORD, _csrf: csrfOf(form.text) }).expect(303);
  const home = await agent.get('/cases').expect(200);
  return { agent, csrf: csrfOf(home.text), user };
}

/** A fresh API token's Authorization header value. */
export function apiToken(deps: AppDeps, name = `test-${Math.random().toString(36).slice(2, 8)}`): string {
  return `Bearer ${deps.tokens.create(name, 'test').token}`;
}
