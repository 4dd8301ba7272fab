// Every store over one database, made together so main, the CLI scripts and the tests wire them the same way.
import { createTokenStore } from './api-tokens.ts';
import { createAssessmentStore } from './assessments.ts';
import { createAuditLog } from './audit.ts';
import { createCaseList } from './cases.ts';
import type { Db } from './db.ts';
import { createReviewStore } from './reviews.ts';
import { createSessionStore } from './sessions.ts';
import { createUserStore } from './users.ts';

export function createStores(db: Db) {
  return {
    store: createAssessmentStore(db), cases: createCaseList(db), reviews: createReviewStore(db), users: createUserStore(db),
    sessions: createSessionStore(db), tokens: createTokenStore(db), audit: createAuditLog(db),
  };
}
export type Stores = ReturnType<typeof createStores>;
