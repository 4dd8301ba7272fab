// The one-time setup token printed at the first start: it lets one person create the first admin, and only while no user exists.
import { sameSecret } from './secrets.ts';

export type SetupGate = { open(token: unknown): boolean; close(): void };

export function createSetupGate(token: string | undefined, userCount: () => number): SetupGate {
  let current = token;
  return {
    open: (t) => current !== undefined && typeof t === 'string' && sameSecret(t, current) && userCount() === 0,
    close: () => { current = undefined; },
  };
}
