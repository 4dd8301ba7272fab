// Stores each assessment (inputs and the opinion made from them, with versions) and reads it back, validated.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { CaseInput, Opinion } from '../pipeline/types.ts';
import type { Db } from './db.ts';

export type StoredAssessment = { id: string; caseId: string; version: number; createdAt: string; input: CaseInput; opinion: Opinion };

const Row = z.object({
  id: z.string(), case_id: z.string(), version: z.number().int(), created_at: z.string(), input_json: z.string(), opinion_json: z.string(),
});
// Rows are checked on the way out so a damaged record is reported, not rendered half-broken.
const StoredJson = z.object({ input: z.object({ patient: z.object({}).loose(), text: z.string() }).loose(), opinion: z.object({ differential: z.array(z.unknown()), triage: z.object({ level: z.string() }).loose() }).loose() });

export type AssessmentStore = {
  create(input: CaseInput, opinion: Opinion, caseId?: string): StoredAssessment;
  get(id: string): StoredAssessment | undefined;
  count(): number;
};

export function createAssessmentStore(db: Db): AssessmentStore {
  const insertCase = db.prepare('INSERT INTO cases (id, created_at, reference) VALUES (?, ?, ?)');
  const nextVersion = db.prepare('SELECT COALESCE(MAX(version), 0) + 1 AS v FROM assessments WHERE case_id = ?');
  const caseExists = db.prepare('SELECT 1 FROM cases WHERE id = ?');
  const insert = db.prepare(`INSERT INTO assessments (id, case_id, version, created_at, input_json, opinion_json, triage, top_condition, app_version, knowledge_version, model_id)
    VALUES (@id, @caseId, @version, @createdAt, @input, @opinion, @triage, @top, @app, @knowledge, @model)`);
  const byId = db.prepare('SELECT id, case_id, version, created_at, input_json, opinion_json FROM assessments WHERE id = ?');
  const countAll = db.prepare('SELECT COUNT(*) AS n FROM assessments');

  const create = db.transaction((input: CaseInput, opinion: Opinion, caseId?: string): StoredAssessment => {
    const now = new Date().toISOString();
    let cid = caseId;
    if (cid) {
      if (!caseExists.get(cid)) throw new AppError('not_found', 'That case was not found', 404);
    } else {
      cid = randomUUID();
      insertCase.run(cid, now, null);
    }
    const version = (nextVersion.get(cid) as { v: number }).v;
    const id = randomUUID();
    insert.run({
      id, caseId: cid, version, createdAt: now, input: JSON.stringify(input), opinion: JSON.stringify(opinion), triage: opinion.triage.level,
      top: opinion.differential[0]?.condition.id ?? null, app: opinion.provenance.app, knowledge: opinion.provenance.knowledge, model: opinion.provenance.model,
    });
    return { id, caseId: cid, version, createdAt: now, input, opinion };
  });

  return {
    create: (input, opinion, caseId) => create(input, opinion, caseId),
    get(id) {
      const raw = byId.get(id);
      if (!raw) return undefined;
      const row = Row.parse(raw);
      const parsed = StoredJson.safeParse({ input: JSON.parse(row.input_json), opinion: JSON.parse(row.opinion_json) });
      if (!parsed.success) throw new AppError('record_damaged', 'This stored assessment could not be read back intact', 500);
      return { id: row.id, caseId: row.case_id, version: row.version, createdAt: row.created_at, input: parsed.data.input as unknown as CaseInput, opinion: parsed.data.opinion as unknown as Opinion };
    },
    count: () => (countAll.get() as { n: number }).n,
  };
}
