// Stores each assessment (inputs and the opinion made from them, with versions) and reads it back, validated.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { CaseInput, Opinion } from '../pipeline/types.ts';
import type { Db } from './db.ts';

export type StoredAssessment = { id: string; caseId: string; version: number; createdAt: string; input: CaseInput; opinion: Opinion; reference?: string | null; createdBy?: string | null };
export type CreateMeta = { reference?: string; createdBy?: string };
/** One version of a case, summarised for the history: its leading conditions and their probabilities. */
export type VersionSummary = { id: string; version: number; createdAt: string; triage: string; top: { id: string; name: string; probability: number }[] };

const Row = z.object({
  id: z.string(), case_id: z.string(), version: z.number().int(), created_at: z.string(), input_json: z.string(), opinion_json: z.string(),
  reference: z.string().nullable(), created_by: z.string().nullable(),
});
const Summary = z.object({ id: z.string(), version: z.number().int(), created_at: z.string(), triage: z.string(), top: z.string() });
const Top = z.array(z.object({ id: z.string(), name: z.string(), probability: z.number() }));
// Rows are checked on the way out so a damaged record is reported, not rendered half-broken.
const StoredJson = z.object({ input: z.object({ patient: z.object({}).loose(), text: z.string() }).loose(), opinion: z.object({ differential: z.array(z.unknown()), triage: z.object({ level: z.string() }).loose() }).loose() });

export type AssessmentStore = {
  create(input: CaseInput, opinion: Opinion, caseId?: string, meta?: CreateMeta): StoredAssessment;
  get(id: string): StoredAssessment | undefined;
  /** Every version of a case, oldest first. */
  versions(caseId: string): VersionSummary[];
  /** The newest version of a case. */
  latestOf(caseId: string): StoredAssessment | undefined;
  count(): number;
};

export function createAssessmentStore(db: Db): AssessmentStore {
  const insertCase = db.prepare('INSERT INTO cases (id, created_at, reference) VALUES (?, ?, ?)');
  const nextVersion = db.prepare('SELECT COALESCE(MAX(version), 0) + 1 AS v FROM assessments WHERE case_id = ?');
  const caseRef = db.prepare('SELECT reference FROM cases WHERE id = ?');
  const insert = db.prepare(`INSERT INTO assessments (id, case_id, version, created_at, input_json, opinion_json, triage, top_condition, app_version, knowledge_version, model_id, created_by)
    VALUES (@id, @caseId, @version, @createdAt, @input, @opinion, @triage, @top, @app, @knowledge, @model, @createdBy)`);
  // The case row keeps the newest version's triage and leading condition so the case list never opens the JSON.
  const touchCase = db.prepare('UPDATE cases SET updated_at = @at, latest_id = @id, triage = @triage, top_name = @topName WHERE id = @caseId');
  const cols = 'a.id, a.case_id, a.version, a.created_at, a.input_json, a.opinion_json, c.reference, a.created_by';
  const byId = db.prepare(`SELECT ${cols} FROM assessments a JOIN cases c ON c.id = a.case_id WHERE a.id = ?`);
  const latest = db.prepare(`SELECT ${cols} FROM assessments a JOIN cases c ON c.id = a.case_id WHERE a.case_id = ? ORDER BY a.version DESC LIMIT 1`);
  const versions = db.prepare(`SELECT id, version, created_at, triage,
      (SELECT json_group_array(json_object('id', json_extract(d.value, '$.condition.id'), 'name', json_extract(d.value, '$.condition.name'), 'probability', json_extract(d.value, '$.probability')))
         FROM json_each(opinion_json, '$.differential') d WHERE d.key < 5) AS top
    FROM assessments WHERE case_id = ? ORDER BY version`);
  const countAll = db.prepare('SELECT COUNT(*) AS n FROM assessments');

  const create = db.transaction((input: CaseInput, opinion: Opinion, caseId?: string, meta: CreateMeta = {}): StoredAssessment => {
    const now = new Date().toISOString();
    let cid = caseId;
    let reference: string | null = meta.reference?.trim() || null;
    if (cid) {
      const found = caseRef.get(cid) as { reference: string | null } | undefined;
      if (!found) throw new AppError('not_found', 'That case was not found', 404);
      reference = found.reference;
    } else {
      cid = randomUUID();
      insertCase.run(cid, now, reference);
    }
    const version = (nextVersion.get(cid) as { v: number }).v;
    const id = randomUUID();
    insert.run({
      id, caseId: cid, version, createdAt: now, input: JSON.stringify(input), opinion: JSON.stringify(opinion), triage: opinion.triage.level,
      top: opinion.differential[0]?.condition.id ?? null, app: opinion.provenance.app, knowledge: opinion.provenance.knowledge, model: opinion.provenance.model,
      createdBy: meta.createdBy ?? null,
    });
    touchCase.run({ at: now, id, triage: opinion.triage.level, topName: opinion.differential[0]?.condition.name ?? null, caseId: cid });
    return { id, caseId: cid, version, createdAt: now, input, opinion, reference, createdBy: meta.createdBy ?? null };
  });

  return {
    create: (input, opinion, caseId, meta) => create(input, opinion, caseId, meta),
    get: (id) => readRow(byId.get(id)),
    latestOf: (caseId) => readRow(latest.get(caseId)),
    versions: (caseId) => versions.all(caseId).map((raw) => {
      const r = Summary.parse(raw);
      return { id: r.id, version: r.version, createdAt: r.created_at, triage: r.triage, top: Top.parse(JSON.parse(r.top)) };
    }),
    count: () => (countAll.get() as { n: number }).n,
  };
}

function readRow(raw: unknown): StoredAssessment | undefined {
  if (!raw) return undefined;
  const row = Row.parse(raw);
  const parsed = StoredJson.safeParse({ input: JSON.parse(row.input_json), opinion: JSON.parse(row.opinion_json) });
  if (!parsed.success) throw new AppError('record_damaged', 'This stored assessment could not be read back intact', 500);
  return {
    id: row.id, caseId: row.case_id, version: row.version, createdAt: row.created_at, reference: row.reference, createdBy: row.created_by,
    input: parsed.data.input as unknown as CaseInput, opinion: parsed.data.opinion as unknown as Opinion,
  };
}
