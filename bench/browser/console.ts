/**
 * The console for the browser benchmarks: the end-to-end suite's stack (e2e/support/stack.ts) in
 * demo sign-in, as `pnpm start` runs it, on a free port (a benchmark never collides with an e2e
 * run on the machine), with no rate limit a benchmark's one user could hit; and its demo sign-in.
 */
import { startConsole, type ConsoleOptions, type RunningConsole } from '../../e2e/support/stack';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The demo user every benchmark signs in as (an admin: every page and action is allowed). */
export const DEMO_USER = 'ada-admin';

/** `seed`: the emulator's account (the demo one unless told); `env`: more for the BFF. */
export function startBenchConsole(
  options: Pick<ConsoleOptions, 'seed' | 'env'> = {},
): Promise<RunningConsole> {
  return startConsole({
    signIn: 'demo',
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    // One signed-in user drives every request of a benchmark: no rate limit may shape it.
    env: {
      RATE_LIMIT_READS_PER_MINUTE: '100000',
      RATE_LIMIT_MUTATIONS_PER_MINUTE: '10000',
      ...options.env,
    },
  });
}

export interface SessionCookie {
  name: string;
  value: string;
  url: string;
}

/** Signs in as the demo admin through the BFF's own sign-in call; returns the session cookies. */
export async function signInCookies(origin: string): Promise<SessionCookie[]> {
  const response = await fetch(`${origin}/auth/demo/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF': '1', Origin: origin },
    body: JSON.stringify({ user: DEMO_USER }),
  });
  if (!response.ok) throw new Error(`demo sign-in: ${response.status} ${await response.text()}`);
  const cookies = response.headers.getSetCookie().map((header) => {
    const [pair = ''] = header.split(';');
    const split = pair.indexOf('=');
    return { name: pair.slice(0, split), value: pair.slice(split + 1), url: origin };
  });
  if (cookies.length === 0) throw new Error('demo sign-in set no cookie');
  return cookies;
}
