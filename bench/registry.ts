/**
 * The registry front door's cost (issue 17, "Numbers"): 20 images pushed with skopeo through the
 * emulator's front door (SWR's login checked, the repository authorized, every byte streamed to
 * CNCF Distribution, each manifest recorded as a push with its triggers, sync and retention),
 * against the same 20 pushed straight to a bare Distribution of the same configuration on TCP.
 * Rounds alternate which goes first; each round pushes to new repositories.
 *
 * Goals:
 *   cost     the front door's time for the 20 pushes is at most 1.3× the bare registry's;
 *   memory   the emulator's RSS (its Node process, registries running) stays ≤ 200 MB.
 *
 * Run: pnpm bench registry   (options: --rounds N, 3 by default; --images N, 20)
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_CREDENTIALS, longTermPassword, startDistribution } from '@swr-dashboard/emulator';
import { ociLayout, skopeo, type OciLayout } from '@swr-dashboard/test-support';
import { fixed, machine, writeResults } from './lib/measure';
import { freePorts } from './load/processes';
import { freePort, rssBytes, startServer, type Server } from './lib/processes';

const MB = 1024 * 1024;
const BUDGET_MB = 200;
const COST_GOAL = 1.3;
const REGION = 'cn-north-4';

const { values: flags } = parseArgs({
  options: { rounds: { type: 'string', default: '3' }, images: { type: 'string', default: '20' } },
});
const rounds = Number(flags.rounds);
const images = Number(flags.images);

/** `images` images of two layers each (about 1 MB and a small one), no two alike. */
async function buildImages(): Promise<OciLayout> {
  const layout = await ociLayout();
  for (let index = 0; index < images; index += 1) {
    await layout.build(`i${String(index)}`, {
      layers: [
        { 'data/blob.txt': randomBytes(768 * 1024).toString('base64') },
        { 'app/version': `${String(index)}\n` },
      ],
      entrypoint: '/app/run',
    });
  }
  return layout;
}

/** Pushes the first `count` images to `host/<prefix>-<n>:v1`; the seconds it took. */
async function pushAll(
  layout: OciLayout,
  host: string,
  prefix: string,
  creds?: string,
  count = images,
) {
  const started = performance.now();
  for (let index = 0; index < count; index += 1) {
    const pushed = await skopeo([
      'copy',
      '--dest-tls-verify=false',
      ...(creds === undefined ? [] : ['--dest-creds', creds]),
      layout.ref(`i${String(index)}`),
      `docker://${host}/${prefix}-${String(index)}:v1`,
    ]);
    if (pushed.code !== 0) throw new Error(`push to ${host} failed: ${pushed.stderr}`);
  }
  return (performance.now() - started) / 1000;
}

async function startEmulator(directory: string): Promise<{ server: Server; host: string }> {
  const server = await startServer({
    script: 'apps/emulator/src/main.ts',
    // The demo seed's three regions: each has its registry and front door, as `pnpm start` runs.
    args: ['--memory', '--port', String(await freePorts(3)), '--quiet'],
    env: { EMULATOR_REGISTRY: 'on', EMULATOR_REGISTRY_PORT: '0' },
    logFile: join(directory, 'emulator.log'),
    ready: /demo keys/,
  });
  const host = new RegExp(`registry ${REGION}\\s+(\\S+)`).exec(server.log())?.[1];
  if (host === undefined) throw new Error(`no front door in:\n${server.log()}`);
  return { server, host };
}

interface Round {
  frontDoor: number;
  bare: number;
}

function summary(measured: Round[], maxRss: number) {
  const frontDoor = measured.reduce((sum, round) => sum + round.frontDoor, 0);
  const bare = measured.reduce((sum, round) => sum + round.bare, 0);
  const cost = frontDoor / bare;
  return {
    machine: machine(),
    images,
    rounds: measured,
    cost,
    maxRssMb: maxRss / MB,
    goals: [
      {
        goal: `front door ≤ ${String(COST_GOAL)}× the bare registry`,
        value: cost,
        met: cost <= COST_GOAL,
      },
      {
        goal: `emulator RSS ≤ ${String(BUDGET_MB)} MB`,
        value: maxRss / MB,
        met: maxRss <= BUDGET_MB * MB,
      },
    ],
  };
}

function markdown(results: ReturnType<typeof summary>): string {
  const rows = results.rounds.map(
    (round, index) =>
      `| ${String(index + 1)} | ${fixed(round.frontDoor, 2)} s | ${fixed(round.bare, 2)} s | ${fixed(round.frontDoor / round.bare, 2)}× |`,
  );
  return [
    `# Registry front door: ${String(results.images)} pushes (skopeo)`,
    '',
    `Load average ${String(results.machine.loadAverage)}.`,
    '',
    '| round | through the front door | straight to Distribution | ratio |',
    '| ----- | ---------------------- | ------------------------ | ----- |',
    ...rows,
    '',
    `- cost: ${fixed(results.cost, 2)}× (goal ≤ ${String(COST_GOAL)}×)`,
    `- emulator RSS max: ${fixed(results.maxRssMb, 1)} MB (goal ≤ ${String(BUDGET_MB)} MB)`,
    '',
  ].join('\n');
}

async function measureRounds(
  layout: OciLayout,
  doorHost: string,
  bareHost: string,
): Promise<Round[]> {
  const creds = `${REGION}@${DEMO_CREDENTIALS.ak}:${longTermPassword(DEMO_CREDENTIALS.ak, DEMO_CREDENTIALS.sk)}`;
  // Warm-up, not measured: skopeo's and both registries' first pushes.
  await pushAll(layout, doorHost, 'payments/bench-warm', creds, 2);
  await pushAll(layout, bareHost, 'bench/warm', undefined, 2);
  const measured: Round[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const door = () => pushAll(layout, doorHost, `payments/bench-${String(round)}`, creds);
    const direct = () => pushAll(layout, bareHost, `bench/bare-${String(round)}`);
    if (round % 2 === 0) {
      const frontDoor = await door();
      measured.push({ frontDoor, bare: await direct() });
    } else {
      const plain = await direct();
      measured.push({ frontDoor: await door(), bare: plain });
    }
  }
  return measured;
}

async function main(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'swr-bench-registry-'));
  const stops: (() => Promise<void>)[] = [];
  let maxRss = 0;
  let sampler: NodeJS.Timeout | undefined;
  try {
    const layout = await buildImages();
    stops.push(() => {
      layout.remove();
      return Promise.resolve();
    });
    const bare = await startDistribution('bench-bare', {
      tcp: `127.0.0.1:${String(await freePort())}`,
    });
    stops.push(() => bare.stop());
    const emulator = await startEmulator(directory);
    stops.push(() => emulator.server.stop());
    sampler = setInterval(() => {
      maxRss = Math.max(maxRss, rssBytes(emulator.server.pid) ?? 0);
    }, 100);
    const results = summary(await measureRounds(layout, emulator.host, bare.socket), maxRss);
    writeResults('registry', results, markdown(results));
    console.log(markdown(results));
    if (results.goals.some((goal) => !goal.met)) process.exitCode = 1;
  } finally {
    clearInterval(sampler);
    for (const stop of stops.reverse()) await stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

await main();
