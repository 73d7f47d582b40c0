/**
 * `pnpm start`: the console on this machine with nothing configured. Builds the web app and the
 * BFF's bundle if their sources changed, starts the embedded SWR emulator (demo account, SQLite
 * under .data/) and the BFF in demo sign-in (serving the web app; compiled, under plain node:
 * docs/decisions/0005-bff-compiled-bundle.md) as two processes, the BFF talking to the emulator
 * over HTTP exactly as it would to the cloud, and prints the URL.
 *
 * `pnpm dev` (`--dev`): the same, but the web app is served by Vite with hot reload, and the BFF
 * runs from its TypeScript sources (tsx).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { bundleIfNeeded, NODE_ARGS } from '../apps/bff/scripts/bundle';

const ROOT = resolve(import.meta.dirname, '..');
const WEB = join(ROOT, 'apps/web');
const BFF_PORT = process.env.PORT ?? '8080';
const DEV = process.argv.includes('--dev');
const VITE_PORT = '5173';
const children: ChildProcess[] = [];

function stopAll(code: number): never {
  for (const child of children) child.kill('SIGTERM');
  process.exit(code);
}

/** `node <command>`: a TypeScript script under tsx, or a bundle under plain node. */
function start(name: string, command: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, command, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  child.once('exit', (code) => {
    console.error(`${name} stopped (exit ${String(code)})`);
    stopAll(code ?? 1);
  });
  return child;
}

/** Reads the emulator's banner: each region's URL and the demo account's project ids. */
async function emulatorRegions(
  child: ChildProcess,
): Promise<Map<string, { url: string; projectId?: string }>> {
  const regions = new Map<string, { url: string; projectId?: string }>();
  let account = '';
  if (child.stdout === null) throw new Error('the emulator has no output');
  for await (const line of createInterface({ input: child.stdout })) {
    const region = /^\s{2}([a-z]+(?:-[a-z]+)+-\d+)\s+(http:\/\/\S+)$/.exec(line);
    if (region?.[1] !== undefined && region[2] !== undefined)
      regions.set(region[1], { url: region[2] });
    const accountLine = /^\s{2}account (\S+):/.exec(line);
    if (accountLine?.[1] !== undefined) account = accountLine[1];
    const project = /^\s{4}project id in (\S+): ([0-9a-f]{32})$/.exec(line);
    if (account === 'demo-ops' && project?.[1] !== undefined && project[2] !== undefined) {
      const known = regions.get(project[1]);
      if (known !== undefined) known.projectId = project[2];
    }
    if (line.includes('demo keys')) return regions;
  }
  throw new Error('the emulator stopped before it was ready');
}

/** Waits until `url` answers 200 (a process just started needs a moment to listen). */
async function waitFor(url: string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`nothing answered at ${url}`);
}

/** The newest modification time under a directory. */
function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

/** Builds the web app when it was never built or its sources are newer than the build. */
function buildWebIfNeeded(): string {
  const index = join(WEB, 'dist/index.html');
  const sources = ['src', 'index.html', 'public', 'vite.config.ts'].map((entry) =>
    join(WEB, entry),
  );
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (sources.some((source) => existsSync(source) && newest(source) > built)) {
    console.log('building the web app…');
    execFileSync('pnpm', ['--filter', '@swr-dashboard/web', 'build'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  }
  return join(WEB, 'dist');
}

async function main(): Promise<void> {
  const webRoot = DEV ? undefined : buildWebIfNeeded();
  const bffCommand = DEV
    ? ['--import', 'tsx', 'apps/bff/src/main.ts']
    : [
        ...NODE_ARGS,
        await bundleIfNeeded((line) => {
          console.log(line);
        }),
      ];
  const emulator = start('the emulator', [
    '--import',
    'tsx',
    'apps/emulator/src/main.ts',
    '--quiet',
  ]);
  const regions = await emulatorRegions(emulator);
  const env: Record<string, string> = {
    // The BFF takes production unless told otherwise; the demo is development.
    NODE_ENV: 'development',
    AUTH_MODE: 'demo',
    PORT: BFF_PORT,
    BFF_DATABASE: resolve(ROOT, '.data/bff.sqlite'),
    SWR_REGIONS: [...regions.keys()].join(','),
    // In development the browser is on Vite's origin, which proxies /api and /auth to the BFF.
    PUBLIC_ORIGIN: DEV ? `http://127.0.0.1:${VITE_PORT}` : `http://127.0.0.1:${BFF_PORT}`,
    ...(webRoot === undefined ? {} : { WEB_ROOT: webRoot }),
  };
  for (const [id, region] of regions) {
    const suffix = id.toUpperCase().replaceAll('-', '_');
    env[`SWR_ENDPOINT_${suffix}`] = region.url;
    if (region.projectId !== undefined) env[`SWR_PROJECT_ID_${suffix}`] = region.projectId;
  }
  const bff = start('the BFF', bffCommand, env);
  bff.stdout?.resume();
  await waitFor(`http://127.0.0.1:${BFF_PORT}/healthz`);
  let url = `http://127.0.0.1:${BFF_PORT}`;
  if (DEV) {
    const vite = spawn(
      'pnpm',
      ['--filter', '@swr-dashboard/web', 'exec', 'vite', '--port', VITE_PORT, '--strictPort'],
      {
        cwd: ROOT,
        env: { ...process.env, BFF_URL: url },
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    children.push(vite);
    url = `http://127.0.0.1:${VITE_PORT}`;
    await waitFor(url);
  }
  console.log(
    [
      '',
      `swr-dashboard is running at ${url} (demo sign-in; embedded SWR emulator with a demo account)`,
      `  regions: ${[...regions.keys()].join(', ')}`,
      '  sign in as one of the demo users (admin, operator, viewer, or an operator limited to payments*)',
      '  stop with Ctrl-C',
    ].join('\n'),
  );
}

process.once('SIGINT', () => stopAll(0));
process.once('SIGTERM', () => stopAll(0));
main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  stopAll(1);
});
