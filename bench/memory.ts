/**
 * Memory (issue 6, benchmark 6). Fixed budgets, as the issue gives them:
 *
 *   BFF       RSS at most 200 MB during the resilience load test: ./load (`pnpm load`,
 *             whose runLoad starts the emulator and the BFF, its bundle under plain node as
 *             `pnpm start` runs it, as child processes; 50 users each
 *             with their own session reading and changing through the BFF), shortened to 30 s,
 *             run as its command line with `--json`; its RSS samples (every 250 ms, from /proc)
 *             are read from that report. (A command, not an import: the load test runs in a
 *             process of its own, so this one's memory and event loop stay out of it.) Two
 *             configurations, one after the other: the BFF on its SQLite file (the default, one
 *             replica), and as each of several replicas runs, on PostgreSQL and Redis
 *             (`--database-url`, `--redis-url`: a throwaway PostgreSQL 15 and Redis 7 this
 *             benchmark starts on loopback, ./lib/storage.ts, and stops after). The budget is
 *             per replica: the BFF process's RSS, not PostgreSQL's or Redis's.
 *   emulator  RSS at most 200 MB with a 20,000-tag repository, while pages of that repository's
 *             tags are read for 30 s (8 in flight, signed calls: first pages, pages by name, deep
 *             offsets, name filters; 100 a page). Two ways it runs: its command line on an SQLite
 *             file (the default of `pnpm emulator` and `pnpm start`; the file seeded in-process
 *             first, ./lib/seed.ts) and with an in-memory store (`--memory`; the child fills its
 *             own, ./lib/seeded-emulator.ts). RSS sampled every 250 ms from /proc/<pid>/status.
 *
 * Run: pnpm bench   (or: pnpm --filter @swr-dashboard/bench exec tsx memory.ts)
 * Options: --seconds S (30) for each run, --users N (50).
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { signRequest } from '@swr-dashboard/swr-client';
import { httpGet, measureLoad, type LoadResult } from './lib/load';
import { fixed, machine, writeResults } from './lib/measure';
import {
  ROOT,
  bffSource,
  freePort,
  rssBytes,
  startEmulatorServer,
  startServer,
  type Server,
} from './lib/processes';
import { REGION, seedFile, seeded as seededInfo, type Seeded } from './lib/seed';
import { startStorage } from './lib/storage';

const BIG_TAGS = 20_000;
const SQLITE = 'SQLite';
const POSTGRES_REDIS = 'PostgreSQL + Redis';
const BUDGET_MB = 200;
const MB = 1024 * 1024;

const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: '30' },
    users: { type: 'string', default: '50' },
  },
});
const seconds = Number(flags.seconds);
const users = Number(flags.users);

interface Rss {
  at: number;
  mb: number;
}

/** Samples a process's RSS every 250 ms until stopped. */
function sampler(pid: number): { stop: () => Rss[] } {
  const started = performance.now();
  const samples: Rss[] = [];
  const take = () => {
    const bytes = rssBytes(pid);
    if (bytes !== undefined)
      samples.push({ at: Math.round(performance.now() - started), mb: bytes / MB });
  };
  take();
  const timer = setInterval(take, 250);
  return {
    stop: () => {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

const round1 = (value: number) => Math.round(value * 10) / 10;

interface EmulatorRun {
  mode: string;
  startMb: number;
  maxMb: number;
  lastMb: number;
  reads: LoadResult;
  rss: Rss[];
}

/** Reads pages of the big repository for `seconds` while sampling the server's RSS. */
async function readWhileSampling(mode: string, server: Server, url: string, info: Seeded) {
  const path = `/v2/manage/namespaces/${info.namespace}/repos/${info.repository}/tags`;
  const queries = [
    'limit=100&offset=0',
    'limit=100&offset=0&order_column=tag&order_type=asc',
    'limit=100&offset=0&order_column=updated_at&order_type=desc',
    () => `limit=100&offset=${100 * Math.floor(Math.random() * (BIG_TAGS / 100))}`,
    () => `tag=1.${Math.floor(Math.random() * 200)}.&limit=100&offset=0`,
  ];
  let next = 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const startMb = (rssBytes(server.pid) ?? 0) / MB;
  const rss = sampler(server.pid);
  const [reads] = await measureLoad(
    [
      {
        name: `${mode} reads`,
        send: async () => {
          const pick = queries[next % queries.length] ?? '';
          next += 1;
          const query = typeof pick === 'string' ? pick : pick();
          const target = `${url}${path}?${query}`;
          const answer = await httpGet(
            agent,
            new URL(target),
            signRequest({ method: 'GET', url: target, credentials: info.credentials }),
          );
          if (answer.status !== 200)
            throw new Error(`HTTP ${answer.status}: ${answer.body.toString('utf8')}`);
        },
      },
    ],
    { concurrency: 8, rounds: 1, roundMs: seconds * 1000, warmupMs: 0 },
  );
  agent.destroy();
  const samples = rss.stop();
  if (reads === undefined) throw new Error('no reads');
  return {
    mode,
    startMb: round1(startMb),
    maxMb: round1(Math.max(...samples.map((sample) => sample.mb))),
    lastMb: round1(samples.at(-1)?.mb ?? 0),
    reads,
    rss: samples.map((sample) => ({ at: sample.at, mb: round1(sample.mb) })),
  } satisfies EmulatorRun;
}

/** The fields of ./load's LoadReport this benchmark reads. */
interface LoadReport {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  statuses: Record<string, number>;
  memory: {
    firstMb: number;
    lastMb: number;
    maxMb: number;
    firstThirdMaxMb: number;
    lastThirdMedianMb: number;
    growthMb: number;
    toleranceMb: number;
  };
  rss: { at: number; bytes: number; epoch: number }[];
  passed: boolean;
  failures: string[];
}

/**
 * `pnpm load` for `seconds` with `users`, with `args` (its storage options); its report (it exits
 * 1 when a criterion fails).
 */
async function loadTest(file: string, args: string[] = []): Promise<LoadReport> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/load/cli.ts',
      '--users',
      String(users),
      '--seconds',
      String(seconds),
      ...args,
      '--json',
      file,
    ],
    { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const code = await new Promise<number | null>((done) => {
    child.once('exit', done);
  });
  let report: LoadReport;
  try {
    report = JSON.parse(readFileSync(file, 'utf8')) as LoadReport;
  } catch {
    throw new Error(`the load test exited ${String(code)} without a report`);
  }
  if (typeof report.memory.maxMb !== 'number' || !Array.isArray(report.rss))
    throw new Error('the load report has no memory figures');
  return report;
}

/** Read before the load test builds the bundle from the working tree. */
const source = bffSource();
const directory = mkdtempSync(join(tmpdir(), 'bench-memory-'));
const emulatorRuns: EmulatorRun[] = [];
let fillMs: number;
const loads: { configuration: string; report: LoadReport }[] = [];
try {
  // The command line on a seeded SQLite file.
  const database = join(directory, 'emulator.sqlite');
  const info = await seedFile(database, BIG_TAGS);
  fillMs = info.fillMs;
  const port = await freePort();
  const cli = await startEmulatorServer({
    database,
    port,
    region: REGION,
    logFile: join(directory, 'emulator-file.log'),
  });
  try {
    console.log(`emulator (SQLite file) pid ${cli.pid}: reading pages for ${seconds} s`);
    emulatorRuns.push(
      await readWhileSampling('emulator, SQLite file', cli, `http://127.0.0.1:${port}`, info),
    );
  } finally {
    await cli.stop();
  }
  // In memory, filled by the child itself.
  const memory = await startServer({
    script: 'bench/lib/seeded-emulator.ts',
    nodeArgs: ['--expose-gc'],
    args: ['--tags', String(BIG_TAGS)],
    logFile: join(directory, 'emulator-memory.log'),
    ready: /^ready http/m,
  });
  try {
    const url = /^ready (http\S+)/m.exec(memory.log())?.[1] ?? '';
    console.log(`emulator (in memory) pid ${memory.pid}: reading pages for ${seconds} s`);
    emulatorRuns.push(
      await readWhileSampling('emulator, in memory', memory, url, seededInfo(BIG_TAGS, 0)),
    );
  } finally {
    await memory.stop();
  }
  console.log(`BFF load test on SQLite: ${users} users for ${seconds} s`);
  loads.push({
    configuration: SQLITE,
    report: await loadTest(join(directory, 'load.json')),
  });
  const storage = await startStorage();
  try {
    console.log(`BFF load test on PostgreSQL + Redis: ${users} users for ${seconds} s`);
    loads.push({
      configuration: POSTGRES_REDIS,
      report: await loadTest(join(directory, 'load-pg-redis.json'), [
        '--database-url',
        storage.databaseUrl,
        '--redis-url',
        storage.redisUrl,
      ]),
    });
  } finally {
    await storage.stop();
  }
} finally {
  rmSync(directory, { recursive: true, force: true });
}

const goals = [
  ...loads.map(({ configuration, report }) => ({
    goal: `BFF${configuration === SQLITE ? '' : ` on ${configuration}`} RSS during the load test (${users} users, ${seconds} s), max`,
    mb: report.memory.maxMb,
    met: report.memory.maxMb <= BUDGET_MB,
  })),
  ...emulatorRuns.map((run) => ({
    goal: `${run.mode} RSS with ${BIG_TAGS.toLocaleString('en')} tags, reading pages, max`,
    mb: run.maxMb,
    met: run.maxMb <= BUDGET_MB,
  })),
];

const markdown = [
  '# Memory',
  '',
  `Measured ${new Date().toISOString()} on ${JSON.stringify(machine())}. Budget ${BUDGET_MB} MB of RSS (VmRSS from /proc, sampled every 250 ms).`,
  '',
  '| goal | max MB | budget | met |',
  '|---|---|---|---|',
  ...goals.map(
    (g) => `| ${g.goal} | ${fixed(g.mb, 1)} | ≤ ${BUDGET_MB} | ${g.met ? 'yes' : 'NO'} |`,
  ),
  '',
  '## BFF under the load test',
  '',
  `One BFF process (one replica) each time, the BFF built from ${source}.`,
  '',
  ...loads.flatMap(({ configuration, report: load }) => [
    `On ${configuration}: ${load.requests} requests (${load.requestsPerSecond}/s), p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms, statuses ${JSON.stringify(load.statuses)}. RSS first ${load.memory.firstMb} MB, max ${load.memory.maxMb} MB, last ${load.memory.lastMb} MB; first third's max ${load.memory.firstThirdMaxMb} MB, last third's median ${load.memory.lastThirdMedianMb} MB (growth ${load.memory.growthMb} MB, the load test allows ${load.memory.toleranceMb}). The load test's own criteria: ${load.passed ? 'passed' : `failed (${load.failures.join('; ')})`}.`,
    '',
  ]),
  `## Emulator with ${BIG_TAGS.toLocaleString('en')} tags`,
  '',
  `The SQLite file was filled in ${fixed(fillMs / 1000, 1)} s before its emulator started; the in-memory emulator fills its own store before it listens, then collects the fill's garbage (its start figure is its store's).`,
  '',
  '| emulator | RSS at start MB | max MB | last MB | reads | reads/s | p50 ms | p99 ms | errors |',
  '|---|---|---|---|---|---|---|---|---|',
  ...emulatorRuns.map(
    (run) =>
      `| ${run.mode} | ${fixed(run.startMb, 1)} | ${fixed(run.maxMb, 1)} | ${fixed(run.lastMb, 1)} | ${run.reads.requests} | ${fixed(run.reads.requestsPerSecond, 0)} | ${fixed(run.reads.p50Ms, 2)} | ${fixed(run.reads.p99Ms, 2)} | ${run.reads.errors} |`,
  ),
  '',
].join('\n');

const bffFigures = (load: LoadReport) => ({
  users,
  requests: load.requests,
  requestsPerSecond: load.requestsPerSecond,
  p50Ms: load.p50Ms,
  p99Ms: load.p99Ms,
  statuses: load.statuses,
  memory: load.memory,
  loadTestPassed: load.passed,
  loadTestFailures: load.failures,
  rss: load.rss.map((sample) => ({ at: Math.round(sample.at), mb: round1(sample.bytes / MB) })),
});
const reportOf = (configuration: string) =>
  loads.find((load) => load.configuration === configuration)?.report;
const [sqliteLoad, pgRedisLoad] = [reportOf(SQLITE), reportOf(POSTGRES_REDIS)];
writeResults(
  'memory',
  {
    machine: machine(),
    bffSource: source,
    budgetMb: BUDGET_MB,
    seconds,
    goals,
    ...(sqliteLoad === undefined ? {} : { bff: bffFigures(sqliteLoad) }),
    ...(pgRedisLoad === undefined ? {} : { bffPostgresRedis: bffFigures(pgRedisLoad) }),
    emulator: { tags: BIG_TAGS, fillMs, runs: emulatorRuns },
  },
  markdown,
);
console.log(markdown);
const missed = goals.filter((g) => !g.met);
const readErrors = emulatorRuns.reduce((sum, run) => sum + run.reads.errors, 0);
if (readErrors > 0)
  console.error(
    `${readErrors} emulator reads failed: ${emulatorRuns.map((run) => run.reads.firstError ?? '-').join('; ')}`,
  );
if (missed.length > 0 || readErrors > 0) {
  if (missed.length > 0) console.error(`goals missed: ${missed.map((g) => g.goal).join('; ')}`);
  process.exitCode = 1;
}
