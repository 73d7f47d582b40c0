/**
 * `pnpm start`: the console on this machine with nothing configured. Starts the embedded SWR
 * emulator (demo account, SQLite under .data/) and the BFF in demo sign-in as two processes, the
 * BFF talking to the emulator over HTTP exactly as it would to the cloud, and prints the URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = resolve(import.meta.dirname, '..');
const BFF_PORT = process.env.PORT ?? '8080';
const children: ChildProcess[] = [];

function stopAll(code: number): never {
  for (const child of children) child.kill('SIGTERM');
  process.exit(code);
}

function start(
  name: string,
  script: string,
  args: string[],
  env: Record<string, string> = {},
): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
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

async function waitForHealth(url: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`the BFF did not answer at ${url}`);
}

async function main(): Promise<void> {
  const emulator = start('the emulator', 'apps/emulator/src/main.ts', ['--quiet']);
  const regions = await emulatorRegions(emulator);
  const env: Record<string, string> = {
    AUTH_MODE: 'demo',
    PORT: BFF_PORT,
    BFF_DATABASE: resolve(ROOT, '.data/bff.sqlite'),
    SWR_REGIONS: [...regions.keys()].join(','),
  };
  for (const [id, region] of regions) {
    const suffix = id.toUpperCase().replaceAll('-', '_');
    env[`SWR_ENDPOINT_${suffix}`] = region.url;
    if (region.projectId !== undefined) env[`SWR_PROJECT_ID_${suffix}`] = region.projectId;
  }
  const bff = start('the BFF', 'apps/bff/src/main.ts', [], env);
  bff.stdout?.resume();
  const url = `http://127.0.0.1:${BFF_PORT}`;
  await waitForHealth(url);
  console.log(
    [
      '',
      `swr-dashboard is running at ${url} (demo sign-in; embedded SWR emulator with a demo account)`,
      `  regions: ${[...regions.keys()].join(', ')}`,
      '  sign in: POST /auth/demo/login as ada-admin, otto-operator, vera-viewer or pat-payments',
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
