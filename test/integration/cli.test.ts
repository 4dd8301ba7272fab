import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { auditVerify, backup, type Io, restore, tokenCreate, tokenRevoke, userAdd } from '../../scripts/commands.ts';
import { ROOT } from '../../src/config.ts';
import { openDb } from '../../src/storage/db.ts';
import { createStores } from '../../src/storage/stores.ts';
import { TEST_SCRYPT, tempDir } from '../helpers.ts';

const exec = promisify(execFile);
/** Runs a script as `npm run` would (its own process, DATA_DIR from the environment): exit code and output. */
async function spawn(script: string, args: string[], dataDir: string) {
  try {
    const r = await exec(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', `${script}.ts`), ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir } });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

function io(dataDir: string, answers: string[] = []): Io & { text(): string } {
  const out: string[] = [];
  return { dataDir, out: (s) => out.push(s), err: () => {}, ask: async () => answers.shift() ?? '', scrypt: TEST_SCRYPT, text: () => out.join('') };
}
const peek = <T>(dir: string, f: (s: ReturnType<typeof createStores>) => T): T => { const db = openDb(dir); try { return f(createStores(db)); } finally { db.close(); } };

describe('command-line tools', () => {
  const dir = tempDir();

  it('user:add makes an account with a scrypt hash, asking for the password twice when not given', async () => {
    const a = io(dir);
    expect(await userAdd(['--username', 'boss', '--role', 'admin', '--password', 'long enough password'], a)).toBe(0);
    expect(a.text()).toBe('Added boss (admin).\n');
    expect(await userAdd(['--username', 'nurse.kim', '--role', 'nurse'], io(dir, ['another long one', 'another long one']))).toBe(0);
    await expect(userAdd(['--username', 'x', '--role', 'nurse'], io(dir, ['another long one', 'different one']))).rejects.toThrow(/differ/);
    await expect(userAdd(['--username', 'x', '--role', 'king', '--password', 'long enough password'], io(dir))).rejects.toThrow(/--role must be one of/);
    await expect(userAdd(['--username', 'boss', '--role', 'nurse', '--password', 'long enough password'], io(dir))).rejects.toThrow(/already exists/);
    expect(peek(dir, (s) => s.users.byName('nurse.kim')?.passwordHash)).toMatch(/^scrypt\$1024\$8\$1\$/);
  });

  it('token:create prints a token once (from its own process), token:revoke revokes it', async () => {
    const made = await spawn('token-create', ['--name', 'emr'], dir);
    expect(made.code).toBe(0);
    const token = made.out.trim();
    expect(token).toMatch(/^bf_[\w-]{43}$/);
    expect(made.err).toContain('shown only now');
    expect(peek(dir, (s) => s.tokens.verify(token)?.name)).toBe('emr');
    expect(await tokenRevoke(['--name', 'emr'], io(dir))).toBe(0);
    expect(peek(dir, (s) => s.tokens.verify(token))).toBeUndefined();
    await expect(tokenRevoke(['--name', 'nope'], io(dir))).rejects.toThrow(/No token is named/);
    await expect(tokenCreate([], io(dir))).rejects.toThrow(/usage/);
  }, 30_000);

  it('audit:verify passes an intact trail and exits 1 naming the first altered row', async () => {
    const ok = io(dir);
    expect(await auditVerify([], ok)).toBe(0);
    expect(ok.text()).toContain('intact: 4 row(s)');
    const db = openDb(dir);
    db.exec("DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'cli-forged' WHERE seq = 2;");
    db.close();
    const bad = await spawn('audit-verify', [], dir);
    expect(bad).toMatchObject({ code: 1, out: expect.stringContaining('BROKEN at row 2') });
  }, 30_000);

  it('backup writes a copy; restore puts it into another DATA_DIR', async () => {
    const file = path.join(tempDir(), 'b.sqlite');
    expect(await backup([file], io(dir))).toBe(0);
    expect(existsSync(file)).toBe(true);
    const other = tempDir();
    expect(await restore([file], io(other))).toBe(0);
    expect(peek(other, (s) => s.users.byName('boss'))).toBeDefined();
  });
});
