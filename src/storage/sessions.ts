// Browser sessions: a random id in an http-only cookie, stored only as its sha256, with an expiry and a per-session CSRF token.
import { z } from 'zod';
import { randomSecret, sha256 } from '../auth/secrets.ts';
import { Role } from '../auth/roles.ts';
import type { Db } from './db.ts';

export type Session = { userId: string; username: string; role: Role; csrf: string; expiresAt: number };

const Row = z.object({ user_id: z.string(), username: z.string(), role: Role, csrf: z.string(), expires_at: z.number() });

export type SessionStore = {
  create(userId: string, ttlMs: number, now: number): { id: string; csrf: string; expiresAt: number };
  get(id: string, now: number): Session | undefined;
  delete(id: string): void;
  purgeExpired(now: number): number;
};

export function createSessionStore(db: Db): SessionStore {
  const insert = db.prepare('INSERT INTO sessions (id_hash, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)');
  const get = db.prepare(`SELECT s.user_id, u.username, u.role, s.csrf, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id_hash = ? AND s.expires_at > ?`);
  const del = db.prepare('DELETE FROM sessions WHERE id_hash = ?');
  const purge = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  return {
    create(userId, ttlMs, now) {
      const id = randomSecret(32);
      const csrf = randomSecret(24);
      insert.run(sha256(id), userId, csrf, now, now + ttlMs);
      return { id, csrf, expiresAt: now + ttlMs };
    },
    get(id, now) {
      const raw = get.get(sha256(id), now);
      if (!raw) return undefined;
      const r = Row.parse(raw);
      return { userId: r.user_id, username: r.username, role: r.role, csrf: r.csrf, expiresAt: r.expires_at };
    },
    delete: (id) => { del.run(sha256(id)); },
    purgeExpired: (now) => purge.run(now).changes,
  };
}
