import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from '../../../src/auth/passwords.ts';
import { createRateLimiter } from '../../../src/auth/rate-limit.ts';
import { can } from '../../../src/auth/roles.ts';
import { sameSecret } from '../../../src/auth/secrets.ts';
import { TEST_SCRYPT } from '../../helpers.ts';

describe('passwords', () => {
  it('stores scrypt with its own salt and parameters, and verifies only the right password', async () => {
    const a = await hashPassword('correct horse battery', TEST_SCRYPT);
    const b = await hashPassword('correct horse battery', TEST_SCRYPT);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
  });

  it('uses the stored cost, so hashes made at the default cost still verify', async () => {
    const h = await hashPassword('another long password');
    expect(h.startsWith('scrypt$16384$8$1$')).toBe(true);
    expect(await verifyPassword('another long password', h)).toBe(true);
  });

  it('asks for at least 10 characters', () => {
    expect(passwordProblem('short')).toMatch(/at least 10/);
    expect(passwordProblem('long enough pw')).toBeUndefined();
  });
});

describe('rate limiter', () => {
  it('allows the limit per window per key, then refuses until the window resets', () => {
    let t = 0;
    const rl = createRateLimiter(3, 60_000, () => t);
    expect([rl.hit('a'), rl.hit('a'), rl.hit('a'), rl.hit('a')]).toEqual([true, true, true, false]);
    expect(rl.hit('b')).toBe(true);
    expect(rl.retryAfter('a')).toBe(60);
    t = 60_000;
    expect(rl.hit('a')).toBe(true);
  });
});

describe('roles', () => {
  it('lets nurses assess and view, clinicians also review, admins also administer', () => {
    expect([can('nurse', 'assess'), can('nurse', 'view'), can('nurse', 'review'), can('nurse', 'admin')]).toEqual([true, true, false, false]);
    expect([can('clinician', 'review'), can('clinician', 'admin')]).toEqual([true, false]);
    expect([can('admin', 'review'), can('admin', 'admin')]).toEqual([true, true]);
  });

  it('compares secrets only when both are present and equal', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret(undefined, undefined)).toBe(false);
    expect(sameSecret('', '')).toBe(false);
  });
});
