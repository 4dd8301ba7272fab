// autocannon against a URL: POSTs of one note at a given concurrency, the load generated from its own worker thread.
import autocannon from 'autocannon';
import { apiBody } from './cases.ts';

export type LoadResult = { connections: number; seconds: number; requests: number; perSecond: number; p50: number; p99: number; max: number; non2xx: number; errors: number; timeouts: number };

/**
 * The load runs in a worker thread (autocannon's `workers: 1`) so that an in-process server keeps its own event loop;
 * on a 2-core machine the generator still takes part of the CPU, so the figures are a floor.
 */
export async function loadTest(url: string, note: string | string[], connections: number, seconds: number, headers: Record<string, string> = {}): Promise<LoadResult> {
  const notes = Array.isArray(note) ? note : [note];
  // Several notes: each connection cycles through them in turn (autocannon's `requests`).
  const r = await autocannon({
    url: `${url}/api/v1/assessments`, method: 'POST', connections, duration: seconds, workers: 1, timeout: 30,
    headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(apiBody(notes[0])),
    ...(notes.length > 1 ? { requests: notes.map((n) => ({ method: 'POST' as const, body: JSON.stringify(apiBody(n)) })) } : {}),
  });
  return {
    connections, seconds, requests: r.requests.total, perSecond: Math.round((r['2xx'] / r.duration) * 10) / 10,
    p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts,
  };
}
