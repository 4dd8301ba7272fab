// The short soak: 8 clients for 10 s against the real server (encoder off) — no 5xx, no network error, no unexpected answer,
// no error logged, bounded RSS growth, and a clean exit on SIGTERM. `npm run soak` is the long form (32 clients × 300 s).
import { describe, expect, it } from 'vitest';
import { soak } from '../../scripts/soak.ts';

describe('soak (short form)', () => {
  it('serves 8 clients for 10 s without an error and with bounded memory', async () => {
    const r = await soak({ clients: 8, seconds: 10, encoder: 'off', rssGrowthMB: 64, warmupSeconds: 3 });
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.requests).toBeGreaterThan(20);
    expect(r.serverErrors + r.errors + r.unexpected).toBe(0);
    expect(r.byKind.create).toBeGreaterThan(0);
    expect(r.exitCode).toBe(0);
  }, 90_000);
});
