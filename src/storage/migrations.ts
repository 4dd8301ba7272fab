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
  // 2: accounts, sessions, API tokens, reviews, the hash-chained audit trail, and case-list columns kept up to date on write.
  `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     username TEXT NOT NULL UNIQUE COLLATE NOCASE,
     role TEXT NOT NULL CHECK (role IN ('nurse', 'clinician', 'admin')),
     password_hash TEXT NOT NULL,
     created_at TEXT NOT NULL,
     failed_logins INTEGER NOT NULL DEFAULT 0,
     locked_until INTEGER NOT NULL DEFAULT 0
   );
   CREATE TABLE sessions (
     id_hash TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     csrf TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX sessions_expiry ON sessions(expires_at);
   CREATE TABLE api_tokens (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL UNIQUE,
     token_hash TEXT NOT NULL UNIQUE,
     created_at TEXT NOT NULL,
     created_by TEXT NOT NULL,
     revoked_at TEXT
   );
   CREATE TABLE reviews (
     id TEXT PRIMARY KEY,
     assessment_id TEXT NOT NULL REFERENCES assessments(id),
     case_id TEXT NOT NULL REFERENCES cases(id),
     user_id TEXT NOT NULL REFERENCES users(id),
     created_at TEXT NOT NULL,
     condition_id TEXT,
     icd10 TEXT,
     diagnosis TEXT NOT NULL,
     agreed_rank INTEGER,
     top_condition TEXT,
     disposition TEXT NOT NULL,
     note TEXT NOT NULL DEFAULT ''
   );
   CREATE INDEX reviews_assessment ON reviews(assessment_id);
   CREATE INDEX reviews_case ON reviews(case_id);
   CREATE TABLE audit (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL,
     actor TEXT NOT NULL,
     action TEXT NOT NULL,
     object_id TEXT,
     prev_hash TEXT NOT NULL,
     hash TEXT NOT NULL
   );
   CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
   CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
   ALTER TABLE assessments ADD COLUMN created_by TEXT;
   ALTER TABLE cases ADD COLUMN updated_at TEXT;
   ALTER TABLE cases ADD COLUMN latest_id TEXT;
   ALTER TABLE cases ADD COLUMN triage TEXT;
   ALTER TABLE cases ADD COLUMN top_name TEXT;
   ALTER TABLE cases ADD COLUMN reviewed INTEGER NOT NULL DEFAULT 0;
   UPDATE cases SET
     latest_id = (SELECT a.id FROM assessments a WHERE a.case_id = cases.id ORDER BY a.version DESC LIMIT 1),
     updated_at = (SELECT MAX(a.created_at) FROM assessments a WHERE a.case_id = cases.id);
   UPDATE cases SET
     triage = (SELECT a.triage FROM assessments a WHERE a.id = cases.latest_id),
     top_name = (SELECT json_extract(a.opinion_json, '$.differential[0].condition.name') FROM assessments a WHERE a.id = cases.latest_id),
     updated_at = COALESCE(updated_at, created_at);
   -- Covers every column the case list filters on or prints, so even a search that matches nothing reads one index in order.
   CREATE INDEX cases_list ON cases(created_at, id, triage, reviewed, reference, top_name, latest_id, updated_at);
   CREATE INDEX cases_reference ON cases(reference, created_at);
   CREATE INDEX cases_triage ON cases(triage, created_at);
   CREATE INDEX cases_reviewed ON cases(reviewed, created_at);
   CREATE INDEX assessments_case ON assessments(case_id, version);`,
];
