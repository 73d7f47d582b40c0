/**
 * The whole console in this process, on loopback: the embedded emulator (demo seed unless told,
 * in memory, free ports, its registry front doors on; kept in this process, so a caller may seed
 * straight into its store) and the BFF serving the built web app, configured from environment
 * variables exactly as in production, with its SQLite in memory. The one stack starter of the
 * end-to-end suite (OIDC sign-in against a real local provider, started once by Playwright's
 * global setup) and of the browser benchmarks in bench/browser (demo sign-in, as `pnpm start` runs
 * it, on a free port).
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createBff, loadConfig } from '@swr-dashboard/bff';
import {
  defaultRegions,
  startEmulator,
  type RunningEmulator,
  type StartOptions,
} from '@swr-dashboard/emulator';
import {
  bffEnvFor,
  consoleKeyEnv,
  emulatorWithConsoleKey,
  oidcBffEnv,
  startOidcProvider,
  type TestIdp,
} from '@swr-dashboard/test-support';
import { pino } from 'pino';
import { E2E_ORIGIN, E2E_PORT } from './origin';

export { E2E_ORIGIN, E2E_PORT };
export const WEB_ROOT =
  process.env.E2E_WEB_ROOT ?? join(import.meta.dirname, '../../apps/web/dist');

export interface ConsoleOptions {
  /**
   * `oidc`: a real OIDC provider on a free port, the roles of its accounts, and the console key
   * (the emulator's demo key is refused outside demo sign-in); CCE at the emulator for every
   * region but the last (which keeps typed cluster ids, as a console whose key may not read CCE
   * there) and IAM at the first. `demo`: demo sign-in with the demo key, as `pnpm start` runs.
   */
  signIn: 'oidc' | 'demo';
  /** Where the BFF listens on loopback; 0 (the default) takes a free port. */
  port?: number;
  /** More environment for the BFF (rate limits, timeouts). */
  env?: Record<string, string>;
  /** The emulator's account: the demo one (the default), or `fleet` (1,000 repositories). */
  seed?: StartOptions['seed'];
}

export interface RunningConsole {
  origin: string;
  emulator: RunningEmulator;
  stop(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => {
      resolve();
    });
    server.closeAllConnections();
  });
}

export async function startConsole(options: ConsoleOptions): Promise<RunningConsole> {
  if (!existsSync(join(WEB_ROOT, 'index.html'))) {
    throw new Error(`no built web app in ${WEB_ROOT}: run pnpm --filter @swr-dashboard/web build`);
  }
  const oidc = options.signIn === 'oidc';
  const emulator = await startEmulator({
    seed: options.seed ?? 'demo',
    config: {
      database: ':memory:',
      regions: defaultRegions(0),
      // A registry front door per region (Debian's docker-registry behind it): registry hosts are
      // the doors' `127.0.0.1:<port>`, and a docker login the console hands out works there.
      registry: { enabled: true, port: 0 },
      ...(oidc ? emulatorWithConsoleKey() : {}),
    },
  });
  const server = createServer();
  let idp: TestIdp | undefined;
  try {
    const port = await listen(server, options.port ?? 0);
    const origin = `http://127.0.0.1:${port}`;
    let signInEnv: Record<string, string>;
    if (oidc) {
      idp = await startOidcProvider({
        redirectUris: [`${origin}/auth/callback`],
        postLogoutRedirectUris: [`${origin}/`],
      });
      signInEnv = {
        NODE_ENV: 'test',
        ...oidcBffEnv(idp),
        ...consoleKeyEnv,
        ...bffEnvFor(emulator, {
          cceRegions: emulator.regions.slice(0, -1).map((region) => region.id),
          iam: true,
        }),
      };
    } else {
      signInEnv = { NODE_ENV: 'development', AUTH_MODE: 'demo', ...bffEnvFor(emulator) };
    }
    const bff = await createBff(
      loadConfig({
        PORT: String(port),
        PUBLIC_ORIGIN: origin,
        BFF_DATABASE: ':memory:',
        WEB_ROOT,
        // The embedded emulator has no SWR limits to stay under: the fleet index of the demo
        // account (what the Overview shows) is built in a few seconds rather than a minute.
        FLEET_CALLS_PER_SECOND: '50',
        // `latest` is protected, as in the demo (`pnpm start`): the console refuses to delete it.
        PROTECTED_TAGS: 'latest',
        // Image details read the config and an index's platforms from the front doors.
        REGISTRY_READ: 'http',
        ...signInEnv,
        ...options.env,
      }),
      { logger: pino({ level: 'error' }) },
    );
    server.on('request', bff.app);
    const started = idp;
    return {
      origin,
      emulator,
      stop: async () => {
        await closeServer(server);
        await bff.close();
        await started?.close();
        await emulator.close();
      },
    };
  } catch (error) {
    await closeServer(server);
    await idp?.close();
    await emulator.close();
    throw error;
  }
}
