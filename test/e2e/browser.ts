// Headless Debian Chromium for the end-to-end tests, driven by playwright-core; the app runs in-process on a free loopback port.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { createApp } from '../../src/app.ts';
import { addUser, type TestDeps, testDeps } from '../helpers.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** In CI a missing browser is a failure, never a silent skip; on a developer's machine without it the suite is skipped. */
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.CI === 'true') throw new Error(`Chromium is missing at ${CHROMIUM}: .ci/run installs Debian's chromium before the tests`);

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];

export type Harness = { base: string; host: string; deps: TestDeps; context: BrowserContext; username: string; password: string; close(): Promise<void> };

/** The app on 127.0.0.1:<free port> with a clinician account, and a fresh browser profile in a temp folder. */
export async function startHarness(): Promise<Harness> {
  const deps = await testDeps();
  const password = 'e2e horse battery staple';
  const user = await addUser(deps, 'clinician', 'dr.e2e', password);
  const server: Server = await new Promise((resolve) => { const s = createApp(deps).listen(0, '127.0.0.1', () => resolve(s)); });
  const { port } = server.address() as AddressInfo;
  const profile = mkdtempSync(path.join(os.tmpdir(), 'barefoot-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  return {
    base: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}`, deps, context, username: user.username, password,
    async close() {
      await context.close();
      await new Promise((r) => server.close(r));
      deps.db.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export const RESULTS = path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'test-results');
