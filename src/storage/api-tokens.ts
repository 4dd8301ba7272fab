// API tokens: named, stored only as sha256, shown once when made, revocable by name.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { randomSecret, sha256 } from '../auth/secrets.ts';
import type { Db } from './db.ts';

export const TokenName = z.string().trim().min(2, 'The token name must be at least 2 characters').max(60, 'The token name must be at most 60 characters')
  .regex(/^[A-Za-z0-9._ -]+$/, 'The token name may use letters, digits, spaces, dot, dash and underscore');

export type ApiToken = { id: string; name: string; createdAt: string; createdBy: string; revokedAt: string | null };
const Row = z.object({ id: z.string(), name: z.string(), created_at: z.string(), created_by: z.string(), revoked_at: z.string().nullable() });
const toToken = (raw: unknown): ApiToken => { const r = Row.parse(raw); return { id: r.id, name: r.name, createdAt: r.created_at, createdBy: r.created_by, revokedAt: r.revoked_at }; };

export type TokenStore = {
  /** Makes a token; the secret is returned here once and never again. */
  create(name: string, createdBy: string): { token: string; record: ApiToken };
  /** The live token a bearer secret belongs to, if any. */
  verify(secret: string): ApiToken | undefined;
  revoke(name: string): ApiToken;
  list(): ApiToken[];
};

export function createTokenStore(db: Db): TokenStore {
  const insert = db.prepare('INSERT INTO api_tokens (id, name, token_hash, created_at, created_by) VALUES (?, ?, ?, ?, ?)');
  const byName = db.prepare('SELECT id, name, created_at, created_by, revoked_at FROM api_tokens WHERE name = ?');
  const byHash = db.prepare('SELECT id, name, created_at, created_by, revoked_at FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL');
  const revoke = db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL');
  const all = db.prepare('SELECT id, name, created_at, created_by, revoked_at FROM api_tokens ORDER BY created_at DESC');
  return {
    create(name, createdBy) {
      const n = TokenName.parse(name);
      if (byName.get(n)) throw new AppError('token_exists', `A token named "${n}" already exists; revoke it or choose another name`, 409);
      const token = `bf_${randomSecret(32)}`;
      insert.run(randomUUID(), n, sha256(token), new Date().toISOString(), createdBy);
      return { token, record: toToken(byName.get(n)) };
    },
    verify(secret) {
      const raw = byHash.get(sha256(secret));
      return raw ? toToken(raw) : undefined;
    },
    revoke(name) {
      const found = byName.get(name);
      if (!found) throw new AppError('not_found', `No token is named "${name}"`, 404);
      revoke.run(new Date().toISOString(), name);
      return toToken(byName.get(name));
    },
    list: () => all.all().map(toToken),
  };
}
