// The npm run commands as functions (argv in, text out, exit code back), so the tests run them in-process and the scripts stay one line.
import { hashPassword, passwordProblem, type ScryptParams } from '../src/auth/passwords.ts';
import { Role } from '../src/auth/roles.ts';
import { AppError } from '../src/errors.ts';
import { backupTo, restoreFrom } from '../src/storage/backup.ts';
import { openDb } from '../src/storage/db.ts';
import { createStores } from '../src/storage/stores.ts';
import { flags } from './cli.ts';

export type Io = { dataDir: string; out(s: string): void; err(s: string): void; ask?(question: string): Promise<string>; scrypt?: ScryptParams };

const usage = (text: string) => new AppError('usage', `usage: ${text}`, 400);

/** Opens DATA_DIR's database for one command and always closes it. */
async function withStores<T>(io: Io, f: (s: ReturnType<typeof createStores> & { db: ReturnType<typeof openDb> }) => T | Promise<T>): Promise<T> {
  const db = openDb(io.dataDir);
  try { return await f({ db, ...createStores(db) }); } finally { db.close(); }
}

export async function userAdd(argv: string[], io: Io): Promise<number> {
  const { values } = flags({ username: { type: 'string' }, role: { type: 'string' }, password: { type: 'string' } }, argv);
  if (!values.username || !values.role) throw usage('npm run user:add -- --username NAME --role nurse|clinician|admin [--password P]');
  const role = Role.safeParse(values.role);
  if (!role.success) throw new AppError('usage', `--role must be one of ${Role.options.join(', ')}`, 400);
  let password = values.password;
  if (password === undefined) {
    if (!io.ask) throw usage('give --password when not on a terminal');
    password = await io.ask(`Password for ${values.username}: `);
    if ((await io.ask('Again: ')) !== password) throw new AppError('usage', 'The two passwords differ', 400);
  }
  const problem = passwordProblem(password);
  if (problem) throw new AppError('usage', problem, 400);
  const hash = await hashPassword(password, io.scrypt);
  return withStores(io, (s) => {
    const user = s.users.create(values.username!, role.data, hash);
    s.audit.append('cli', 'user.create', user.id);
    io.out(`Added ${user.username} (${user.role}).\n`);
    return 0;
  });
}

export async function tokenCreate(argv: string[], io: Io): Promise<number> {
  const { values } = flags({ name: { type: 'string' } }, argv);
  if (!values.name) throw usage('npm run token:create -- --name NAME');
  return withStores(io, (s) => {
    const made = s.tokens.create(values.name!, 'cli');
    s.audit.append('cli', 'token.create', made.record.id);
    io.out(`${made.token}\n`);
    io.err(`Token "${made.record.name}" made. It is shown only now; send it as Authorization: Bearer <token>.\n`);
    return 0;
  });
}

export async function tokenRevoke(argv: string[], io: Io): Promise<number> {
  const { values } = flags({ name: { type: 'string' } }, argv);
  if (!values.name) throw usage('npm run token:revoke -- --name NAME');
  return withStores(io, (s) => {
    const t = s.tokens.revoke(values.name!);
    s.audit.append('cli', 'token.revoke', t.id);
    io.out(`Token "${t.name}" revoked.\n`);
    return 0;
  });
}

export async function auditVerify(_argv: string[], io: Io): Promise<number> {
  return withStores(io, (s) => {
    const r = s.audit.verify();
    if (r.ok) { io.out(`Audit trail intact: ${r.rows} row(s), every hash chained.\n`); return 0; }
    io.out(`Audit trail BROKEN at row ${r.badSeq}: ${r.reason} (${r.rows} row(s) read).\n`);
    return 1;
  });
}

export async function backup(argv: string[], io: Io): Promise<number> {
  const { positionals } = flags({}, argv);
  if (positionals.length !== 1) throw usage('npm run backup -- FILE');
  await withStores(io, (s) => backupTo(s.db, positionals[0]));
  io.out(`Backed up to ${positionals[0]}.\n`);
  return 0;
}

export async function restore(argv: string[], io: Io): Promise<number> {
  const { positionals } = flags({}, argv);
  if (positionals.length !== 1) throw usage('npm run restore -- FILE');
  const { userVersion } = restoreFrom(positionals[0], io.dataDir);
  // Opening migrates an older backup up to this version of the schema.
  openDb(io.dataDir).close();
  io.out(`Restored ${positionals[0]} into ${io.dataDir} (schema ${userVersion}).\n`);
  return 0;
}
