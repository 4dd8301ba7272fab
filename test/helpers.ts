// Shared test wiring: the fixture knowledge base, a temp data folder, and createApp deps with the fake embedder.
import { mkdtempSync } from 'node:fs';
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
import { createAssessmentStore } from '../src/storage/assessments.ts';
import { type Db, openDb } from '../src/storage/db.ts';
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

export async function testDeps(dataDir = tempDir(), logs: string[] = []): Promise<AppDeps & { db: Db }> {
  const kb = fixtureKb();
  const text = buildTextIndex(kb);
  const encoder = await fakeEncoder(kb);
  const db = openDb(dataDir);
  return {
    db, kb, store: createAssessmentStore(db), logger: createLogger('info', (l) => logs.push(l)),
    render: createRenderer(path.join(ROOT, 'views')), bodyLimit: '100kb',
    versions: { app: 'test', knowledge: kb.manifest.version, model: encoder.embedder.id },
    readiness: () => ({ knowledge: true, model: true, database: db.open }),
    assess: (input) => assess(input, { kb, text, encoder, appVersion: 'test' }),
  };
}
