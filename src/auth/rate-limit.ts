// A fixed-window request counter per key (an IP, a token), held in memory by the app that made it.

export type RateLimiter = {
  /** Counts one request; false when the key has used up its window. */
  hit(key: string): boolean;
  /** Seconds until the key's window resets. */
  retryAfter(key: string): number;
};

export function createRateLimiter(limit: number, windowMs: number, now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  const sweep = (t: number) => { for (const [k, w] of windows) if (t - w.start >= windowMs) windows.delete(k); };
  return {
    hit(key) {
      const t = now();
      if (windows.size > 10_000) sweep(t);
      let w = windows.get(key);
      if (!w || t - w.start >= windowMs) { w = { start: t, count: 0 }; windows.set(key, w); }
      w.count++;
      return w.count <= limit;
    },
    retryAfter(key) {
      const w = windows.get(key);
      return w ? Math.max(1, Math.ceil((w.start + windowMs - now()) / 1000)) : 0;
    },
  };
}
