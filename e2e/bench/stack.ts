/**
 * The whole console for the browser benchmarks, on loopback: the embedded emulator (demo seed, in
 * memory, kept in this process so a benchmark can seed straight into its store) and the BFF in
 * demo sign-in serving the built web app (apps/web/dist), as `pnpm start` runs it. The BFF listens
 * on a free port, so a benchmark never collides with an e2e run on the machine.
 *
 * This lives under e2e/ (not bench/) because only the e2e package depends on Playwright,
 * Lighthouse and the BFF.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createBff, loadConfig } from '@swr-dashboard/bff';
import { defaultRegions, startEmulator, type RunningEmulator } from '@swr-dashboard/emulator';
import { pino } from 'pino';

export const WEB_ROOT = join(import.meta.dirname, '../../apps/web/dist');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The demo user every benchmark signs in as (an admin: every page and action is allowed). */
export const DEMO_USER = 'ada-admin';

export interface BenchConsole {
  origin: string;
  emulator: RunningEmulator;
  stop: () => Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startBenchConsole(): Promise<BenchConsole> {
  if (!existsSync(join(WEB_ROOT, 'index.html'))) {
    throw new Error(`no built web app in ${WEB_ROOT}: run pnpm --filter @swr-dashboard/web build`);
  }
  const emulator = await startEmulator({
    seed: 'demo',
    config: { database: ':memory:', regions: defaultRegions(0) },
  });
  const server = createServer();
  const port = await listen(server);
  const origin = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    AUTH_MODE: 'demo',
    PORT: String(port),
    PUBLIC_ORIGIN: origin,
    BFF_DATABASE: ':memory:',
    WEB_ROOT,
    SWR_REGIONS: emulator.regions.map((region) => region.id).join(','),
    // One signed-in user drives every request of a benchmark: no rate limit may shape it.
    RATE_LIMIT_READS_PER_MINUTE: '100000',
    RATE_LIMIT_MUTATIONS_PER_MINUTE: '10000',
  };
  for (const region of emulator.regions) {
    const suffix = region.id.toUpperCase().replaceAll('-', '_');
    env[`SWR_ENDPOINT_${suffix}`] = region.url;
    env[`SWR_PROJECT_ID_${suffix}`] = emulator.projectId('demo-ops', region.id);
  }
  const bff = await createBff(loadConfig(env), { logger: pino({ level: 'error' }) });
  server.on('request', bff.app);
  return {
    origin,
    emulator,
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      });
      await bff.close();
      await emulator.close();
    },
  };
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
