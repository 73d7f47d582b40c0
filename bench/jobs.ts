/**
 * A bulk job at account scale (issue 16, "Numbers and proof"): a tag clean-up of 5,000 tags in
 * 10 repositories (the emulator's data file filled in-process first, ./lib/seed.ts), started
 * through the BFF (its bundle under plain node, demo sign-in) at a given budget of SWR calls a
 * second, and followed until it is done.
 *
 * Goals:
 *   pace     the job's achieved rate (its deletes ÷ the time from its first to its last) is at
 *            least 0.9 of its budget, and never above it;
 *   once     every tag is deleted, by exactly one DELETE (the emulator's request log);
 *   memory   the BFF's RSS stays ≤ 200 MB while the job runs.
 *
 * Run: pnpm bench jobs   (options: --budget N calls a second, 50 by default; --tags N per repository)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { fixed, machine, writeResults } from './lib/measure';
import { demoSession, startDemoBff } from './lib/console';
import { bffSource, freePort, rssBytes, startServer, type Server } from './lib/processes';
import { NAMESPACE, REGION, seedManyFile } from './lib/seed';

const MB = 1024 * 1024;
const BUDGET_MB = 200;
const PACE_GOAL = 0.9;
const REPOSITORIES = 10;

const { values: flags } = parseArgs({
  options: { budget: { type: 'string', default: '50' }, tags: { type: 'string', default: '500' } },
});
const budget = Number(flags.budget);
const tagsEach = Number(flags.tags);

async function startStack(directory: string) {
  const database = join(directory, 'emulator.sqlite');
  const names = await seedManyFile(database, REPOSITORIES, tagsEach);
  const emulatorPort = await freePort();
  const emulator = await startServer({
    script: 'apps/emulator/src/main.ts',
    args: ['--db', database, '--port', String(emulatorPort)],
    logFile: join(directory, 'emulator.log'),
    ready: /demo keys/,
  });
  const { bff, origin } = await startDemoBff(directory, emulator, {
    FLEET_INDEX: 'off',
    JOBS_CALLS_PER_SECOND: String(budget),
  });
  return { emulator, bff, origin, names };
}

async function call(origin: string, cookie: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${origin}${path}`, {
    method,
    headers: { Cookie: cookie, 'X-CSRF': '1', Origin: origin, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status >= 300)
    throw new Error(`${method} ${path}: ${String(response.status)} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** The emulator's DELETEs of the job's tags, with when each was logged (ms after the epoch). */
function deletesIn(log: string): string[] {
  return log
    .split('\n')
    .filter((line) =>
      / DELETE \/v2\/manage\/namespaces\/bench\/repos\/many-\d+\/tags\/c\d+ 204 /.test(line),
    );
}

interface Run {
  items: number;
  seconds: number;
  deletes: number;
  distinct: number;
  maxRss: number;
}

function summary(run: Run, source: string) {
  // N evenly paced calls span N − 1 intervals of the budget.
  const rate = (run.items - 1) / run.seconds;
  const pace = rate / budget;
  const goals = [
    {
      name: 'achieved rate ÷ budget (within it)',
      measured: fixed(pace, 2),
      limit: '≤ 1.00',
      met: pace <= 1.0,
    },
    {
      name: 'achieved rate ÷ budget',
      measured: fixed(pace, 2),
      limit: `≥ ${fixed(PACE_GOAL, 2)}`,
      met: pace >= PACE_GOAL,
    },
    {
      name: 'tags deleted, each by one DELETE',
      measured: `${String(run.distinct)} of ${String(run.items)} (${String(run.deletes)} DELETEs)`,
      limit: 'all, once',
      met: run.deletes === run.items && run.distinct === run.items,
    },
    {
      name: 'BFF RSS, max MB',
      measured: fixed(run.maxRss / MB, 1),
      limit: `≤ ${String(BUDGET_MB)}`,
      met: run.maxRss <= BUDGET_MB * MB,
    },
  ];
  return { at: new Date().toISOString(), machine: machine(), source, budget, ...run, rate, goals };
}

function markdown(results: ReturnType<typeof summary>): string {
  return [
    '# Bulk job',
    '',
    `Measured ${results.at} on ${JSON.stringify(results.machine)}. A tag clean-up of ${String(results.items)} tags in ${String(REPOSITORIES)} repositories at a budget of ${String(budget)} SWR calls a second, through the BFF built from ${results.source}.`,
    '',
    '| goal | measured | limit | met |',
    '|---|---|---|---|',
    ...results.goals.map(
      (goal) => `| ${goal.name} | ${goal.measured} | ${goal.limit} | ${goal.met ? 'yes' : 'NO'} |`,
    ),
    '',
    `${String(results.items)} items in ${fixed(results.seconds, 1)} s (${fixed(results.rate, 1)} a second). BFF RSS max ${fixed(results.maxRss / MB, 1)} MB.`,
    '',
  ].join('\n');
}

async function followJob(
  origin: string,
  cookie: string,
  id: string,
): Promise<{ startedAt: number; endedAt: number }> {
  for (;;) {
    const job = await call(origin, cookie, 'GET', `/api/jobs/${id}`);
    if (job.status === 'done' || job.status === 'cancelled') {
      return {
        startedAt: Date.parse(String(job.createdAt)),
        endedAt: Date.parse(String(job.finishedAt)),
      };
    }
    await delay(500);
  }
}

async function main(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'swr-bench-jobs-'));
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
    const spec = {
      kind: 'tag-cleanup',
      region: REGION,
      repositories: stack.names.map((repository) => ({ namespace: NAMESPACE, repository })),
      rule: { pattern: 'c*' },
    };
    const preview = await call(stack.origin, cookie, 'POST', '/api/jobs/preview', spec);
    const items = (preview.items as unknown[]).length;
    const job = await call(stack.origin, cookie, 'POST', '/api/jobs', {
      spec,
      confirm: { count: items },
    });
    const { startedAt, endedAt } = await followJob(stack.origin, cookie, String(job.id));
    const deletes = deletesIn(readFileSync(join(directory, 'emulator.log'), 'utf8'));
    const run: Run = {
      items,
      seconds: (endedAt - startedAt) / 1000,
      deletes: deletes.length,
      distinct: new Set(deletes.map((line) => line.split(' ')[2])).size,
      maxRss,
    };
    const results = summary(run, bffSource());
    writeResults('jobs', results, markdown(results));
    console.log(markdown(results));
    if (results.goals.some((goal) => !goal.met)) process.exitCode = 1;
  } finally {
    clearInterval(sampler);
    for (const server of servers.reverse()) await server.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

await main();
