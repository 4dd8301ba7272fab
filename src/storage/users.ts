// Accounts: username, role, scrypt hash, and the failed-login counter that locks an account for a while.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { Role } from '../auth/roles.ts';
import type { Db } from './db.ts';

export const LOCKOUT = { failures: 5, minutes: 15 } as const;

const Row = z.object({
  id: z.string(), username: z.string(), role: Role, password_hash: z.string(), created_at: z.string(),
  failed_logins: z.number().int(), locked_until: z.number().int(),
});
export type User = { id: string; username: string; role: Role; passwordHash: string; createdAt: string; failedLogins: number; lockedUntil: number };

const toUser = (raw: unknown): User | undefined => {
  if (!raw) return undefined;
  const r = Row.parse(raw);
  return { id: r.id, username: r.username, role: r.role, passwordHash: r.password_hash, createdAt: r.created_at, failedLogins: r.failed_logins, lockedUntil: r.locked_until };
};

export const Username = z.string().trim().min(2, 'The username must be at least 2 characters').max(50, 'The username must be at most 50 characters')
  .regex(/^[A-Za-z0-9._-]+$/, 'The username may use letters, digits, dot, dash and underscore');

export type UserStore = {
  create(username: string, role: Role, passwordHash: string): User;
  byName(username: string): User | undefined;
  byId(id: string): User | undefined;
  list(): User[];
  count(): number;
  /** Counts a failed login; the fifth in a row locks the account until `now + 15 minutes`. Returns true when it locked. */
  failed(id: string, now: number): boolean;
  succeeded(id: string): void;
};

export function createUserStore(db: Db): UserStore {
  const insert = db.prepare('INSERT INTO users (id, username, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)');
  const byName = db.prepare('SELECT * FROM users WHERE username = ?');
  const byId = db.prepare('SELECT * FROM users WHERE id = ?');
  const all = db.prepare('SELECT * FROM users ORDER BY username');
  const count = db.prepare('SELECT COUNT(*) AS n FROM users');
  const fail = db.prepare(`UPDATE users SET
      failed_logins = CASE WHEN failed_logins + 1 >= @max THEN 0 ELSE failed_logins + 1 END,
      locked_until = CASE WHEN failed_logins + 1 >= @max THEN @until ELSE locked_until END
    WHERE id = @id RETURNING locked_until`);
  const ok = db.prepare('UPDATE users SET failed_logins = 0, locked_until = 0 WHERE id = ?');
  return {
    create(username, role, passwordHash) {
      const name = Username.parse(username);
      if (byName.get(name)) throw new AppError('user_exists', `A user named "${name}" already exists`, 409);
      const id = randomUUID();
      insert.run(id, name, role, passwordHash, new Date().toISOString());
      return toUser(byId.get(id))!;
    },
    byName: (username) => toUser(byName.get(username)),
    byId: (id) => toUser(byId.get(id)),
    list: () => all.all().map((r) => toUser(r)!),
    count: () => (count.get() as { n: number }).n,
    failed(id, now) {
      const until = now + LOCKOUT.minutes * 60_000;
      const r = fail.get({ id, max: LOCKOUT.failures, until }) as { locked_until: number } | undefined;
      return r?.locked_until === until;
    },
    succeeded: (id) => { ok.run(id); },
  };
}
