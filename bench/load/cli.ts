/**
 * The load test from the command line (the full run; the tests run short ones):
 *
 *   node --import tsx bench/load/cli.ts --users 50 --seconds 60
 *   node --import tsx bench/load/cli.ts --crash bff        # kill -9 the BFF mid-run
 *   node --import tsx bench/load/cli.ts --crash emulator   # kill -9 the emulator mid-run
 *   node --import tsx bench/load/cli.ts --database-url postgres://… --redis-url redis://…
 *                                                         # the BFF as replicas run it
 *
 * Prints a short summary and exits 0 when every pass criterion holds, 1 otherwise. `--json FILE`
 * also writes the whole report (every acknowledged change with its request id, every RSS sample).
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { runLoad, type LoadReport } from './run-load';

const HELP = `Usage: node --import tsx bench/load/cli.ts [options]

  --users <n>          simulated users, each with its own session (default 50)
  --seconds <s>        how long they work (default 60)
  --think-ms <ms>      mean pause between one user's calls (default 100)
  --crash <bff|emulator>  kill -9 that process halfway, while changes are in flight, and restart it
  --crash-at <f>       when, as a fraction of the run (default 0.5)
  --tolerance-mb <mb>  how far the BFF's RSS may grow from the first to the last third (default 24)
  --database-url <url> the BFF on this PostgreSQL (DATABASE_URL; an empty database) instead of
                       its SQLite file
  --redis-url <url>    the BFF's sessions and rate-limit counters in this Redis (REDIS_URL)
  --json <file>        write the full report there
  --keep               keep the SQLite files (their directory is printed)
  --help               this text
`;

function number(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0)
    throw new Error(`--${name} must be a positive number`);
  return parsed;
}

/** The short summary the CLI prints. */
export function summary(report: LoadReport): string {
  const statuses = Object.entries(report.statuses)
    .map(([status, n]) => `${status === '0' ? 'no answer' : status}: ${n}`)
    .join(', ');
  const codes = Object.entries(report.codes)
    .map(([code, n]) => `${code}: ${n}`)
    .join(', ');
  const { memory, audit, emulator } = report;
  const lines = [
    `users ${report.users}, ${report.seconds} s`,
    `requests ${report.requests} (${report.requestsPerSecond} req/s); statuses ${statuses}`,
    ...(codes === '' ? [] : [`error codes ${codes}`]),
    `latency p50 ${report.p50Ms} ms, p99 ${report.p99Ms} ms`,
    `changes acknowledged ${report.acknowledgedChanges} (+ ${report.pushes.ok} pushes to the emulator, ${report.pushes.failed} failed)`,
    `BFF RSS first ${memory.firstMb} MB, last ${memory.lastMb} MB, max ${memory.maxMb} MB; after warm-up: first third max ${memory.firstThirdMaxMb} MB, last third median ${memory.lastThirdMedianMb} MB, growth ${memory.growthMb} MB (tolerance ${memory.toleranceMb} MB): ${memory.ok ? 'ok' : 'FAIL'}`,
    `5xx not mapped upstream errors: ${report.unmapped5xx.length}`,
    `audit: ${audit.matched}/${audit.acknowledged} acknowledged changes with exactly one record; missing ${audit.missing.length}, wrong ${audit.wrong.length}, duplicates ${audit.duplicates.length}, malformed ${audit.malformed}, unknown ${audit.unknown}, pending ${audit.pending} (unexplained ${audit.unexplainedPending.length}): ${audit.ok ? 'ok' : 'FAIL'}`,
    `BFF database integrity: ${report.bffIntegrity}`,
    `emulator data: integrity ${emulator.integrity}, orphans ${emulator.orphans}, miscounted ${emulator.miscounted.length}, misplaced ${emulator.misplaced.length}; users' known state checked for ${emulator.usersChecked} (${emulator.usersUnsure} unsure), contradictions ${emulator.contradictions.length}: ${emulator.ok ? 'ok' : 'FAIL'}`,
  ];
  const crash = report.crash;
  if (crash !== undefined) {
    lines.push(
      `crash: kill -9 of the ${crash.target} at ${Math.round(crash.killedAt / 100) / 10} s with ${crash.inFlightChanges} changes in flight; back after ${Math.round(crash.downMs)} ms` +
        (crash.target === 'bff'
          ? `; sessions checked ${crash.sessionChecks}, lost ${crash.sessionsLost}; integrity after restart ${crash.integrityAfterRestart ?? '?'}`
          : ''),
    );
  }
  for (const failure of report.failures) lines.push(`FAIL: ${failure}`);
  for (const detail of [
    ...report.unmapped5xx
      .slice(0, 5)
      .map((s) => `  5xx ${s.status} ${s.op} ${s.code ?? '-'} ${s.requestId}`),
    ...audit.missing.slice(0, 5).map((m) => `  missing record: ${m}`),
    ...audit.wrong.slice(0, 5).map((m) => `  wrong record: ${m}`),
    ...audit.unexplainedPending.slice(0, 5).map((m) => `  unexplained pending: ${m}`),
    ...emulator.contradictions.slice(0, 5).map((m) => `  emulator: ${m}`),
  ])
    lines.push(detail);
  lines.push(report.passed ? 'PASS' : 'FAIL');
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      users: { type: 'string' },
      seconds: { type: 'string' },
      'think-ms': { type: 'string' },
      crash: { type: 'string' },
      'crash-at': { type: 'string' },
      'tolerance-mb': { type: 'string' },
      'database-url': { type: 'string' },
      'redis-url': { type: 'string' },
      json: { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const crash = values.crash;
  if (crash !== undefined && crash !== 'bff' && crash !== 'emulator') {
    throw new Error('--crash is bff or emulator');
  }
  const report = await runLoad({
    users: Math.round(number(values.users, 50, 'users')),
    seconds: number(values.seconds, 60, 'seconds'),
    thinkMs: number(values['think-ms'], 100, 'think-ms'),
    ...(crash === undefined ? {} : { crash }),
    crashAt: number(values['crash-at'], 0.5, 'crash-at'),
    memoryToleranceMb: number(values['tolerance-mb'], 24, 'tolerance-mb'),
    keep: values.keep,
    ...(values['database-url'] === undefined ? {} : { databaseUrl: values['database-url'] }),
    ...(values['redis-url'] === undefined ? {} : { redisUrl: values['redis-url'] }),
    log: (line) => {
      console.error(line);
    },
  });
  if (values.json !== undefined) writeFileSync(values.json, JSON.stringify(report, null, 2));
  console.log(summary(report));
  process.exitCode = report.passed ? 0 : 1;
}

// Run only as a program: the tests import `summary`.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
