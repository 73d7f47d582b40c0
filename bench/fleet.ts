/**
 * The fleet index at account scale (issue 15, "Numbers"): the emulator's fleet account (its
 * `--seed fleet`: 1,000 repositories in 50 organizations, with retention, triggers, sync, shares
 * and grants) behind the BFF (its bundle under plain node, demo sign-in), the index built by the
 * BFF's first sweep at a given budget of calls a second, then read.
 *
 * Goals:
 *   build    the first sweep of the fleet region stays within its budget (its achieved rate is
 *            at most the budget) and finishes in its calls ÷ budget (at least 0.9 of the budget);
 *   reads    `GET /api/fleet` of that region and of all regions answers in ≤ 100 ms (p99 of
 *            sequential reads with the index warm, gzip as browsers ask);
 *   search   `GET /api/fleet/search` over every region answers in ≤ 100 ms (p99, texts of one
 *            to three letters, which match the most names);
 *   memory   the BFF's RSS stays ≤ 200 MB while it builds and while it is read.
 *
 * How: the emulator (its command line, on an SQLite file) and the BFF each a child process; this
 * process signs in, waits for the BFF's log line that says the region was swept (its time and
 * the calls it made, as the BFF counted them), then reads. The BFF's RSS is sampled from /proc
 * every 250 ms throughout.
 *
 * Run: pnpm --filter @swr-dashboard/bench exec tsx fleet.ts
 * Options: --budget N (100 calls a second), --reads N (50 of each kind).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { fixed, machine, quantile, writeResults } from './lib/measure';
import { demoSession, startDemoBff } from './lib/console';
import { bffSource, freePort, rssBytes, startServer, type Server } from './lib/processes';

const REGION = 'cn-north-4';
const MB = 1024 * 1024;
const BUDGET_MB = 200;
const READ_GOAL_MS = 100;
const PACE_GOAL = 0.9;

const { values: flags } = parseArgs({
  options: { budget: { type: 'string', default: '100' }, reads: { type: 'string', default: '50' } },
});
const budget = Number(flags.budget);
const readCount = Number(flags.reads);

async function startStack(directory: string) {
  const emulatorPort = await freePort();
  const emulator = await startServer({
    script: 'apps/emulator/src/main.ts',
    args: ['--db', join(directory, 'emulator.sqlite'), '--port', String(emulatorPort)],
    env: { EMULATOR_SEED: 'fleet' },
    logFile: join(directory, 'emulator.log'),
    ready: /demo keys/,
    timeoutMs: 120_000,
  });
  const { bff, origin } = await startDemoBff(directory, emulator, {
    FLEET_CALLS_PER_SECOND: String(budget),
    FLEET_SWEEP_INTERVAL: '24h',
    RATE_LIMIT_READS_PER_MINUTE: '100000',
  });
  return { emulator, bff, origin, startedAt: Date.now() };
}

interface Swept {
  /** When the sweep started and ended (ms since the epoch), and the calls it made. */
  startedAt: number;
  endedAt: number;
  calls: number;
}

/** The BFF's log line for the region's first sweep, once it is written. */
async function firstSweep(bff: Server): Promise<Swept> {
  const deadline = Date.now() + 30 * 60_000;
  while (Date.now() < deadline) {
    for (const line of bff.log().split('\n')) {
      if (!line.includes('fleet index swept') || !line.includes(`"region":"${REGION}"`)) continue;
      const entry = JSON.parse(line) as { time: number; calls: number };
      return { startedAt: Number.NaN, endedAt: entry.time, calls: entry.calls };
    }
    if (bff.log().includes('a fleet index sweep failed')) throw new Error('the sweep failed');
    await delay(250);
  }
  throw new Error('the region was not swept in 30 minutes');
}

/** `readCount` sequential reads of `paths` in turn, their times sorted (ms). */
async function read(origin: string, cookie: string, paths: string[]): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < readCount; i += 1) {
    const path = paths[i % paths.length] ?? '';
    const started = performance.now();
    const response = await fetch(`${origin}${path}`, {
      headers: { Cookie: cookie, 'X-CSRF': '1', 'Accept-Encoding': 'gzip' },
    });
    const body = (await response.json()) as { repositories: unknown[] };
    if (response.status !== 200) throw new Error(`${path} answered ${String(response.status)}`);
    if (i === 0 && body.repositories.length === 0) throw new Error(`${path} found nothing`);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

/** Search texts that match many names: the search must rank them all. */
const SEARCHES = ['a', 'e', 'svc', 'team', 'ser', 'o'].map(
  (text) => `/api/fleet/search?q=${text}&region=${REGION}`,
);

function markdown(results: ReturnType<typeof summary>): string {
  const rows = results.goals.map(
    (goal) => `| ${goal.name} | ${goal.measured} | ${goal.limit} | ${goal.met ? 'yes' : 'NO'} |`,
  );
  return [
    '# Fleet index',
    '',
    `Measured ${results.at} on ${JSON.stringify(results.machine)}. The emulator's fleet account (1,000 repositories in 50 organizations in ${REGION}), the BFF's first sweep at ${String(budget)} calls a second, then ${String(readCount)} sequential reads of each kind. The BFF built from ${results.source}.`,
    '',
    '| goal | measured | limit | met |',
    '|---|---|---|---|',
    ...rows,
    '',
    `Sweep of ${REGION}: ${String(results.calls)} calls in ${fixed(results.sweepSeconds, 1)} s (${fixed(results.rate, 1)} calls/s). Reads: one region p50 ${fixed(results.region.p50, 1)} ms, p99 ${fixed(results.region.p99, 1)} ms; all regions p50 ${fixed(results.all.p50, 1)} ms, p99 ${fixed(results.all.p99, 1)} ms; search p50 ${fixed(results.search.p50, 1)} ms, p99 ${fixed(results.search.p99, 1)} ms. BFF RSS max ${fixed(results.maxRssMb, 1)} MB.`,
    '',
  ].join('\n');
}

interface Reads {
  region: number[];
  all: number[];
  search: number[];
}

function summary(sweep: Swept, reads: Reads, maxRss: number, source: string) {
  const { region, all, search } = reads;
  const sweepSeconds = (sweep.endedAt - sweep.startedAt) / 1000;
  const rate = sweep.calls / sweepSeconds;
  const stats = (times: number[]) => ({ p50: quantile(times, 0.5), p99: quantile(times, 0.99) });
  const pace = rate / budget;
  const goals = [
    {
      name: 'achieved rate ÷ budget (within it)',
      measured: fixed(pace, 2),
      limit: '≤ 1.00',
      met: pace <= 1.0,
    },
    {
      name: 'achieved rate ÷ budget (finishes in calls ÷ budget)',
      measured: fixed(pace, 2),
      limit: `≥ ${fixed(PACE_GOAL, 2)}`,
      met: pace >= PACE_GOAL,
    },
    {
      name: '/api/fleet of one region, p99 ms',
      measured: fixed(stats(region).p99, 1),
      limit: `≤ ${String(READ_GOAL_MS)}`,
      met: stats(region).p99 <= READ_GOAL_MS,
    },
    {
      name: '/api/fleet of all regions, p99 ms',
      measured: fixed(stats(all).p99, 1),
      limit: `≤ ${String(READ_GOAL_MS)}`,
      met: stats(all).p99 <= READ_GOAL_MS,
    },
    {
      name: '/api/fleet/search, p99 ms',
      measured: fixed(stats(search).p99, 1),
      limit: `≤ ${String(READ_GOAL_MS)}`,
      met: stats(search).p99 <= READ_GOAL_MS,
    },
    {
      name: 'BFF RSS, max MB',
      measured: fixed(maxRss / MB, 1),
      limit: `≤ ${String(BUDGET_MB)}`,
      met: maxRss <= BUDGET_MB * MB,
    },
  ];
  return {
    at: new Date().toISOString(),
    machine: machine(),
    source,
    budget,
    calls: sweep.calls,
    sweepSeconds,
    rate,
    region: stats(region),
    all: stats(all),
    search: stats(search),
    maxRssMb: maxRss / MB,
    goals,
  };
}

async function main(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'swr-bench-fleet-'));
  const servers: Server[] = [];
  let maxRss = 0;
  let sampler: NodeJS.Timeout | undefined;
  try {
    const stack = await startStack(directory);
    servers.push(stack.emulator, stack.bff);
    sampler = setInterval(() => {
      maxRss = Math.max(maxRss, rssBytes(stack.bff.pid) ?? 0);
    }, 250);
    const cookie = await demoSession(stack.origin);
    const swept = await firstSweep(stack.bff);
    const index = (await (
      await fetch(`${stack.origin}/api/fleet?region=${REGION}`, {
        headers: { Cookie: cookie, 'X-CSRF': '1' },
      })
    ).json()) as { regions: { sweptAt: string }[] };
    const sweep = { ...swept, startedAt: Date.parse(index.regions[0]?.sweptAt ?? '') };
    const reads = {
      region: await read(stack.origin, cookie, [`/api/fleet?region=${REGION}`]),
      all: await read(stack.origin, cookie, ['/api/fleet']),
      search: await read(stack.origin, cookie, SEARCHES),
    };
    const results = summary(sweep, reads, maxRss, bffSource());
    writeResults('fleet', results, markdown(results));
    console.log(markdown(results));
    if (results.goals.some((goal) => !goal.met)) process.exitCode = 1;
  } finally {
    clearInterval(sampler);
    for (const server of servers.reverse()) await server.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

await main();
