// Schema migrations in order; the database's user_version says how many have run. Never edit one that has shipped: add another.
export const MIGRATIONS: string[] = [
  `CREATE TABLE cases (
     id TEXT PRIMARY KEY,
     created_at TEXT NOT NULL,
     reference TEXT
   );
   CREATE TABLE assessments (
     id TEXT PRIMARY KEY,
     case_id TEXT NOT NULL REFERENCES cases(id),
     version INTEGER NOT NULL,
     created_at TEXT NOT NULL,
     input_json TEXT NOT NULL,
     opinion_json TEXT NOT NULL,
     triage TEXT NOT NULL,
     top_condition TEXT,
     app_version TEXT NOT NULL,
     knowledge_version TEXT NOT NULL,
     model_id TEXT NOT NULL,
     UNIQUE (case_id, version)
   );
   CREATE INDEX assessments_created ON assessments(created_at);`,
];
