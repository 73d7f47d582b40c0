/**
 * The registry front doors of every region (README "The registry"): one real registry server per
 * region (distribution.ts), one front door per region on its own port (front-door.ts), one
 * outbox for the registry's share of API changes (outbox.ts). Each region's `registryHost`
 * becomes its front door's address, so repository paths, logins and pull commands name it.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { EmulatorConfig } from '../config';
import type { Store } from '../store/store';
import { startDistribution, type RunningDistribution } from './distribution';
import { createFrontDoor } from './front-door';
import { RegistryOutbox } from './outbox';

export { registryInstalled, REGISTRY_PROGRAM, startDistribution } from './distribution';
export { longTermPassword } from './access';

export interface RunningRegistry {
  /** The region. */
  id: string;
  /** The front door's `host:port`, as `docker login` and pull commands name it. */
  host: string;
  port: number;
  /** The registry server's Unix socket (tests and benchmarks may go around the front door). */
  socket: string;
}

export interface RunningRegistries {
  regions: RunningRegistry[];
  outbox: RegistryOutbox;
  close(): Promise<void>;
}

/**
 * Where a region's registry keeps its images: beside the emulator's SQLite file
 * (`<file>-registry/<region>`), so they last as long as the tags naming them; an emulator in
 * memory gets a temporary store that goes with it.
 */
export function storageOf(config: Pick<EmulatorConfig, 'database'>, region: string) {
  return config.database === ':memory:' ? undefined : join(`${config.database}-registry`, region);
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

function closed(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => {
      resolve();
    });
    server.closeAllConnections();
  });
}

/** Starts every region's registry and front door, and points `registryHost` at the doors. */
export async function startRegistries(context: {
  config: EmulatorConfig;
  store: Store;
  clock: () => Date;
  baseUrl: (region: string) => string;
  log: (line: string) => void;
}): Promise<RunningRegistries> {
  const { config } = context;
  const distributions = new Map<string, RunningDistribution>();
  const servers: Server[] = [];
  const outbox = new RegistryOutbox(
    context.store,
    (region) => distributions.get(region)?.socket,
    context.log,
  );
  const close = async () => {
    await Promise.all(servers.map(closed));
    await outbox.drained().catch(() => undefined);
    await Promise.all([...distributions.values()].map((running) => running.stop()));
  };
  const regions: RunningRegistry[] = [];
  try {
    for (const [index, region] of config.regions.entries()) {
      const storage = storageOf(config, region.id);
      const distribution = await startDistribution(
        region.id,
        storage === undefined ? {} : { storage },
      );
      distributions.set(region.id, distribution);
      const server = createFrontDoor({
        ...context,
        region,
        socket: distribution.socket,
        outbox,
        baseUrl: () => context.baseUrl(region.id),
      });
      servers.push(server);
      const wanted = config.registry.port === 0 ? 0 : config.registry.port + index;
      const port = await listen(server, config.host, wanted);
      const host = `${config.host.includes(':') ? `[${config.host}]` : config.host}:${String(port)}`;
      region.registryHost = host;
      regions.push({ id: region.id, host, port, socket: distribution.socket });
    }
  } catch (error) {
    await close();
    throw error;
  }
  // Work a stopped emulator left queued is carried out now.
  outbox.kick();
  return { regions, outbox, close };
}
