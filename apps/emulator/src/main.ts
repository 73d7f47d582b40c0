/**
 * `pnpm emulator`: starts the embedded SWR with a seed (the demo account unless told) on an
 * SQLite file and prints where each region listens and which keys open it. Options: `--help`.
 */
import { rmSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_BASE_PORT,
  DEFAULT_REGION_IDS,
  defaultConfig,
  type EmulatorConfig,
} from './config';
import { startEmulator } from './emulator';
import { REGISTRY_PROGRAM, registryInstalled } from './registry';
import { faultsAtStart } from './faults/start-options';
import { SEED_LABELS, SEED_NAMES, isSeedName, type SeedName } from './seed/seeds';

const HELP = `Usage: pnpm emulator [options]

  --db <file>         SQLite file (default: <repo>/.data/emulator.sqlite; env EMULATOR_DB)
  --memory            keep everything in memory (gone at exit)
  --host <host>       address to listen on (default 127.0.0.1; env EMULATOR_HOST)
  --port <port>       port of the first region; the others follow (default ${DEFAULT_BASE_PORT}; env EMULATOR_PORT)
  --regions <ids>     comma-separated region ids (default ${DEFAULT_REGION_IDS.join(',')}; env EMULATOR_REGIONS)
  --seed <name>       what an empty store starts with: demo (default), fleet (50 organizations,
                      1,000 repositories) or none (env EMULATOR_SEED)
  --no-seed           start empty (the same as --seed none)
  --reset             delete the SQLite file (and the registries' images beside it) first
  --quiet             no line per request
  --fault <json>      a fault, or a JSON array of them, in force from the start; repeatable
                      (env EMULATOR_FAULTS; see README "Fault injection")
  --fault-seed <n>    seed of fault probabilities and jitter (env EMULATOR_FAULT_SEED)
  --registry <mode>   the registry front doors (README "The registry"): auto (default: on when
                      Debian's docker-registry is installed), on or off (env EMULATOR_REGISTRY)
  --registry-port <p> the first region's front door (default: --port + 10; the others follow;
                      env EMULATOR_REGISTRY_PORT)
  --help              this text
`;

const REPO_ROOT = resolve(import.meta.dirname, '../../..');

function parse() {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      memory: { type: 'boolean', default: false },
      host: { type: 'string' },
      port: { type: 'string' },
      regions: { type: 'string' },
      seed: { type: 'string' },
      'no-seed': { type: 'boolean', default: false },
      reset: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      fault: { type: 'string', multiple: true },
      'fault-seed': { type: 'string' },
      registry: { type: 'string' },
      'registry-port': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  return values;
}

function configFrom(values: ReturnType<typeof parse>): EmulatorConfig {
  const database = values.memory
    ? ':memory:'
    : resolve(values.db ?? process.env.EMULATOR_DB ?? resolve(REPO_ROOT, '.data/emulator.sqlite'));
  const basePort = Number(values.port ?? process.env.EMULATOR_PORT ?? DEFAULT_BASE_PORT);
  if (!Number.isInteger(basePort) || basePort < 0 || basePort > 65_535) {
    throw new Error(`--port must be a port number, not ${String(values.port)}`);
  }
  const regionIds = (values.regions ?? process.env.EMULATOR_REGIONS ?? DEFAULT_REGION_IDS.join(','))
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  const defaults = defaultConfig();
  const regions = regionIds.map((id, index) => {
    const known = defaults.regions.find((region) => region.id === id);
    return {
      id,
      port: basePort === 0 ? 0 : basePort + index,
      registryHost: known?.registryHost ?? `swr.${id}.myhuaweicloud.com`,
      clusters: known?.clusters ?? [],
    };
  });
  const faults = faultsAtStart({
    flags: values.fault,
    seedFlag: values['fault-seed'],
    env: process.env,
    regions: regions.map((region) => region.id),
  });
  return defaultConfig({
    database,
    regions,
    host: values.host ?? process.env.EMULATOR_HOST ?? '127.0.0.1',
    registry: registryFrom(values, basePort),
    ...faults,
  });
}

/** `--registry` and `--registry-port` (or their variables): whether the front doors run, where. */
function registryFrom(values: ReturnType<typeof parse>, basePort: number) {
  const mode = values.registry ?? process.env.EMULATOR_REGISTRY ?? 'auto';
  if (mode !== 'auto' && mode !== 'on' && mode !== 'off') {
    throw new Error(`--registry must be auto, on or off, not ${mode}`);
  }
  const port = Number(
    values['registry-port'] ??
      process.env.EMULATOR_REGISTRY_PORT ??
      (basePort === 0 ? 0 : basePort + 10),
  );
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(
      `--registry-port must be a port number, not ${String(values['registry-port'])}`,
    );
  }
  if (mode === 'on' && !registryInstalled()) {
    throw new Error(
      `--registry on needs ${REGISTRY_PROGRAM} (Debian: apt-get install docker-registry)`,
    );
  }
  return { enabled: mode === 'on' || (mode === 'auto' && registryInstalled()), port };
}

/** What the banner says about the registry front doors. */
function registryLines(emulator: Awaited<ReturnType<typeof startEmulator>>): string[] {
  if (emulator.registries.length === 0) {
    return [
      `  registry: off (no ${REGISTRY_PROGRAM}; apt-get install docker-registry, then docker login and push for real)`,
    ];
  }
  return emulator.registries.map(
    (registry) => `  registry ${registry.id.padEnd(16)} ${registry.host}`,
  );
}

/** `--seed`, `EMULATOR_SEED` or `--no-seed`; `demo` when none is given. */
function seedFrom(values: ReturnType<typeof parse>): SeedName {
  const name = values.seed ?? process.env.EMULATOR_SEED ?? 'demo';
  const source = values.seed === undefined ? 'EMULATOR_SEED' : '--seed';
  if (!isSeedName(name)) {
    throw new Error(`${source} must be one of ${SEED_NAMES.join(', ')}, not ${name}`);
  }
  if (values['no-seed'] && values.seed !== undefined && name !== 'none') {
    throw new Error(`--no-seed and --seed ${name} contradict each other`);
  }
  return values['no-seed'] ? 'none' : name;
}

/**
 * Lines for stdout, until it cannot be written: when its reader goes away (EPIPE), the request
 * lines stop, said once on stderr, instead of an unhandled 'error' ending the emulator.
 */
let stdoutOpen = true;
function print(line: string): void {
  if (stdoutOpen) console.log(line);
}
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (!stdoutOpen) return;
  stdoutOpen = false;
  try {
    writeSync(
      2,
      `swr emulator: standard output cannot be written (${error.code ?? error.message}): its lines stopped\n`,
    );
  } catch {
    // stderr is gone too
  }
});

async function main(): Promise<void> {
  const values = parse();
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const config = configFrom(values);
  const seed = seedFrom(values);
  if (values.reset && config.database !== ':memory:') {
    for (const suffix of ['', '-wal', '-shm'])
      rmSync(`${config.database}${suffix}`, { force: true });
    // The registries' images go with the tags naming them (registry/index.ts, storageOf).
    rmSync(`${config.database}-registry`, { recursive: true, force: true });
  }
  const started = performance.now();
  const emulator = await startEmulator({
    config,
    seed,
    ...(values.quiet
      ? {}
      : {
          log: print,
        }),
  });
  // Before the banner, which tells whoever waits for it that it may now stop the emulator. Once:
  // a Ctrl-C reaches it from the terminal and again from whatever started it (pnpm, the console's
  // launcher); the second signal must not kill it halfway through closing.
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const lines = [
    `SWR emulator ready in ${Math.round(performance.now() - started)} ms${emulator.seeded && seed !== 'none' ? ` (${SEED_LABELS[seed]})` : ''}`,
    `  data: ${config.database}`,
    ...emulator.regions.map((region) => `  ${region.id.padEnd(16)} ${region.url}`),
    ...registryLines(emulator),
    ...(config.faults.length === 0
      ? []
      : [`  faults: ${config.faults.map((fault) => JSON.stringify(fault)).join('\n          ')}`]),
    ...config.accounts.flatMap((account) => {
      const credential = account.users[0]?.credentials[0];
      return [
        `  account ${account.name}: AK ${credential?.ak ?? '-'}  SK ${credential?.sk ?? '-'}`,
        ...emulator.regions.map(
          (region) =>
            `    project id in ${region.id}: ${emulator.projectId(account.name, region.id)}`,
        ),
      ];
    }),
    '  (demo keys: they open this emulator and nothing else)',
  ];
  print(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
