// How the fuzz, crash and security suites get in: an app over testDeps, served once on loopback, and requests that carry whatever access it needs.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createApp } from '../../src/app.ts';
import { apiToken, loginAgent, type TestDeps, testDeps } from '../helpers.ts';

type Agent = ReturnType<typeof request.agent>;
export type Served = TestDeps & {
  server: Server; url: string; logs: string[];
  /** `Bearer …` for the JSON API. */
  authorization: string;
  /** A clinician signed in through the login form, and the CSRF token its posts carry. */
  browser: { agent: Agent; csrf: string };
  close(): Promise<void>;
};

/** createApp over the shared test deps, listening on 127.0.0.1 on a random port (one server for many supertest calls). */
export async function serveTestApp(): Promise<Served> {
  const logs: string[] = [];
  const deps = await testDeps(undefined, logs);
  const app = createApp(deps);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // supertest accepts a listening server wherever it takes an app; one server keeps thousands of requests fast.
  const { agent, csrf } = await loginAgent(server as unknown as typeof app, deps, 'clinician');
  return {
    ...deps, server, url, logs, authorization: apiToken(deps), browser: { agent, csrf },
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => { deps.db.close(); r(); }); }),
  };
}

/** Headers the JSON API needs: the bearer token. */
export function apiHeaders(s: Served): Record<string, string> {
  return { authorization: s.authorization };
}

/** A supertest agent for the JSON API with its access headers. */
export function api(s: Served) {
  const h = apiHeaders(s);
  const agent = request(s.server);
  return {
    get: (p: string) => agent.get(p).set(h),
    post: (p: string) => agent.post(p).set(h),
  };
}

/** A supertest agent for the browser pages, signed in (it keeps the session cookie across requests). */
export async function pages(s: Served) {
  return s.browser.agent;
}

/** Encodes fields as a browser does: repeated names for lists, everything a string. */
export function formEncode(fields: Record<string, unknown>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) p.append(k, typeof one === 'string' ? one : JSON.stringify(one) ?? '');
  }
  return p.toString();
}

/** Posts a form (fields, or a raw urlencoded string) the way a signed-in browser would, with the session's CSRF token. */
export async function postForm(s: Served, path: string, fields: Record<string, unknown> | string) {
  const agent = await pages(s);
  const csrf = `_csrf=${encodeURIComponent(s.browser.csrf)}`;
  return agent.post(path).type('form').send(typeof fields === 'string' ? `${csrf}&${fields}` : `${csrf}&${formEncode(fields)}`);
}
