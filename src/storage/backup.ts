// Backup with SQLite's online backup (safe while the server runs) and restore into DATA_DIR (only while the server is stopped).
import Database from 'better-sqlite3';
import { chmodSync, copyFileSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.ts';
import type { Db } from './db.ts';
import { MIGRATIONS } from './migrations.ts';

export const DB_FILE = 'barefoot.sqlite';
export const PID_FILE = 'barefoot.pid';

export async function backupTo(db: Db, file: string): Promise<void> {
  if (existsSync(file)) throw new AppError('exists', `${file} already exists; choose a new file name`, 409);
  await db.backup(file);
  chmodSync(file, 0o600);
}

/** True when a server process recorded in DATA_DIR is still alive. */
export function serverRunning(dataDir: string): boolean {
  const pidFile = path.join(dataDir, PID_FILE);
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

/** Checks the backup (integrity, schema not newer than this app), then swaps it in atomically. */
export function restoreFrom(file: string, dataDir: string): { userVersion: number } {
  if (serverRunning(dataDir)) throw new AppError('server_running', 'The server is running on this DATA_DIR; stop it before restoring', 409);
  if (!existsSync(file)) throw new AppError('not_found', `${file} does not exist`, 404);
  const check = new Database(file, { readonly: true, fileMustExist: true });
  let userVersion: number;
  try {
    const ok = check.pragma('integrity_check', { simple: true });
    if (ok !== 'ok') throw new AppError('backup_damaged', `${file} failed SQLite's integrity check: ${String(ok)}`, 400);
    userVersion = check.pragma('user_version', { simple: true }) as number;
    if (userVersion > MIGRATIONS.length) throw new AppError('backup_newer', `${file} was made by a newer barefoot (schema ${userVersion})`, 400);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('backup_damaged', `${file} is not a barefoot database`, 400, [], { cause: e });
  } finally { check.close(); }
  const target = path.join(dataDir, DB_FILE);
  const staging = `${target}.restoring`;
  copyFileSync(file, staging);
  chmodSync(staging, 0o600);
  for (const side of ['-wal', '-shm']) rmSync(`${target}${side}`, { force: true });
  renameSync(staging, target);
  return { userVersion };
}
