/**
 * Starting and stopping the emulator: one store, one HTTP server per region, a seed (`demo` or
 * `fleet`) on first start. Used by `pnpm emulator`, by tests (in memory, free ports) and by
 * benchmarks.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  defaultConfig,
  emulatorConfigSchema,
  projectIdOf,
  type EmulatorConfig,
  type EmulatorConfigInput,
} from './config';
import { FaultRegistry, type FaultControl } from './faults/registry';
import { createAuthenticator } from './http/auth';
import { createRegionServer } from './http/server';
import { startRegistries, type RunningRegistries, type RunningRegistry } from './registry';
import { Random } from './seed/random';
import { runSeed, type SeedName } from './seed/seeds';
import { Store } from './store/store';

export interface StartOptions {
  /** Overrides of the default configuration. */
  config?: Partial<EmulatorConfigInput>;
  /**
   * What an empty store starts with: `demo`, the demo account; `fleet`, the demo account as a
   * large company (50 organizations, 1,000 repositories, times derived from `clock()`); default
   * `none`.
   */
  seed?: SeedName;
  /**
   * SWR's business clock: creation times, share expiry, retention ages, login expiry. Tests may
   * move it; signatures are always judged by the wall clock.
   */
  clock?: () => Date;
  /** One line per request. */
  log?: (line: string) => void;
}

export interface RunningRegion {
  id: string;
  url: string;
  port: number;
}

export interface RunningEmulator {
  config: EmulatorConfig;
  store: Store;
  regions: RunningRegion[];
  /** Whether this start seeded the store. */
  seeded: boolean;
  /** Faults in force per region (also `/emulator/faults` on each region's port). */
  faults: FaultControl;
  /** The registry front doors, when `config.registry.enabled`. */
  registries: RunningRegistry[];
  /** Resolves once the registry's share of every change so far is carried out. */
  registrySettled(): Promise<void>;
  /** The project id of an account in a region, as `X-Project-Id` must carry it. */
  projectId(accountName: string, region: string): string;
  close(): Promise<void>;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
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

export async function startEmulator(options: StartOptions = {}): Promise<RunningEmulator> {
  const config = emulatorConfigSchema.parse(defaultConfig(options.config));
  const clock = options.clock ?? (() => new Date());
  const draws = config.faultSeed === undefined ? undefined : new Random(config.faultSeed);
  const faults = new FaultRegistry(
    config.regions.map((region) => region.id),
    config.faults,
    draws === undefined ? Math.random : () => draws.next(),
  );
  const store = new Store(config.database);
  let seeded: boolean;
  try {
    seeded = runSeed(options.seed ?? 'none', { store, config, now: clock() });
  } catch (error) {
    store.close();
    throw error;
  }
  const authenticate = createAuthenticator(config);
  const servers: Server[] = [];
  const regions: RunningRegion[] = [];
  let registries: RunningRegistries | undefined;
  try {
    registries = config.registry.enabled
      ? await startRegistries({
          config,
          store,
          clock,
          baseUrl: (id) => regions.find((region) => region.id === id)?.url ?? '',
          log:
            options.log ??
            ((line) => {
              console.error(line);
            }),
        })
      : undefined;
    for (const region of config.regions) {
      const running: RunningRegion = { id: region.id, url: '', port: 0 };
      const server = createRegionServer({
        config,
        region,
        store,
        authenticate,
        faults,
        clock,
        baseUrl: () => running.url,
        ...(options.log === undefined ? {} : { log: options.log }),
        ...(registries === undefined ? {} : { registry: registries.outbox }),
      });
      servers.push(server);
      running.port = await listen(server, config.host, region.port);
      const host = config.host.includes(':') ? `[${config.host}]` : config.host;
      running.url = `http://${host}:${running.port}`;
      regions.push(running);
    }
  } catch (error) {
    await Promise.all(servers.map(closeServer));
    await registries?.close();
    store.close();
    throw error;
  }
  return {
    config,
    store,
    regions,
    seeded,
    faults,
    registries: registries?.regions ?? [],
    registrySettled: () => registries?.outbox.drained() ?? Promise.resolve(),
    projectId(accountName, region) {
      const account = config.accounts.find((candidate) => candidate.name === accountName);
      if (account === undefined) throw new Error(`no account ${accountName}`);
      return projectIdOf(account, region);
    },
    async close() {
      await Promise.all(servers.map(closeServer));
      await registries?.close();
      store.close();
    },
  };
}
