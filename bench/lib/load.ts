/**
 * Throughput and latency at a fixed concurrency: `concurrency` loops each send one request, wait
 * for its whole answer and send the next (a closed loop), for a set time. Cases run interleaved,
 * round after round, each round in a rotated order, so drift on a shared, noisy machine hits
 * every case alike (as ./measure.ts does one call at a time). The client is plain `node:http`
 * with a keep-alive agent per case, the same for every case.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { quantile } from './measure';

/** CPU time (user + system, all threads) a process has used so far, in ms; undefined once gone. */
export function cpuMs(pid: number): number | undefined {
  try {
    // Fields after the command name (which may hold spaces), from field 3 on: utime is 14, stime 15.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    // Linux reports in clock ticks of 1/100 s (USER_HZ) on every architecture Node runs on.
    return Number.isFinite(ticks) ? ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}

export interface LoadCase {
  name: string;
  /** One request; resolves once the whole answer is read, rejects unless it is the right one. */
  send: () => Promise<unknown>;
  /** A server process whose CPU time is counted while this case runs (e.g. the proxy's). */
  cpuPid?: number;
  /**
   * CPU time (ms) used so far by the processes the server relies on (e.g. its database), read
   * like `cpuPid`'s around each round.
   */
  backingCpu?: () => number | undefined;
}

export interface LoadResult {
  name: string;
  requests: number;
  errors: number;
  firstError: string | undefined;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  /** Requests per second in each round, in round order. */
  perRound: number[];
  /** CPU time of the case's `cpuPid` per request (ms), when it has one. */
  cpuMsPerRequest: number | undefined;
  /** CPU time of the case's `backingCpu` per request (ms), when it has one. */
  backingCpuMsPerRequest: number | undefined;
}

export interface LoadOptions {
  concurrency: number;
  rounds: number;
  roundMs: number;
  /** Per case, before the first round; not counted. */
  warmupMs: number;
  /** After each round, e.g. a progress line. */
  onRound?: (round: number, results: LoadResult[]) => void;
}

interface Run {
  latencies: number[];
  errors: number;
  firstError: string | undefined;
  elapsedMs: number;
  cpuMs: number | undefined;
  backingCpuMs: number | undefined;
}

async function closedLoop(item: LoadCase, concurrency: number, ms: number): Promise<Run> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const cpuBefore = item.cpuPid === undefined ? undefined : cpuMs(item.cpuPid);
  const backingBefore = item.backingCpu?.();
  const started = performance.now();
  const end = started + ms;
  const loop = async () => {
    while (performance.now() < end) {
      const sent = performance.now();
      try {
        await item.send();
        latencies.push(performance.now() - sent);
      } catch (error) {
        errors += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const cpuAfter = item.cpuPid === undefined ? undefined : cpuMs(item.cpuPid);
  const backingAfter = item.backingCpu?.();
  return {
    latencies,
    errors,
    firstError,
    elapsedMs: performance.now() - started,
    cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
    backingCpuMs:
      backingBefore === undefined || backingAfter === undefined
        ? undefined
        : backingAfter - backingBefore,
  };
}

function summary(name: string, runs: Run[]): LoadResult {
  const latencies = runs.flatMap((run) => run.latencies).sort((a, b) => a - b);
  const seconds = runs.reduce((sum, run) => sum + run.elapsedMs, 0) / 1000;
  const errors = runs.reduce((sum, run) => sum + run.errors, 0);
  const perRequest = (ms: (run: Run) => number | undefined) =>
    runs.every((run) => ms(run) !== undefined)
      ? runs.reduce((sum, run) => sum + (ms(run) ?? 0), 0) / Math.max(1, latencies.length)
      : undefined;
  return {
    name,
    requests: latencies.length,
    errors,
    firstError: runs.find((run) => run.firstError !== undefined)?.firstError,
    seconds,
    requestsPerSecond: seconds === 0 ? 0 : latencies.length / seconds,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    meanMs: latencies.reduce((sum, value) => sum + value, 0) / Math.max(1, latencies.length),
    perRound: runs.map((run) => (run.latencies.length * 1000) / run.elapsedMs),
    cpuMsPerRequest: perRequest((run) => run.cpuMs),
    backingCpuMsPerRequest: perRequest((run) => run.backingCpuMs),
  };
}

export async function measureLoad(cases: LoadCase[], options: LoadOptions): Promise<LoadResult[]> {
  for (const item of cases) await closedLoop(item, options.concurrency, options.warmupMs);
  const runs = new Map<string, Run[]>(cases.map((item) => [item.name, []]));
  const results = () => cases.map((item) => summary(item.name, runs.get(item.name) ?? []));
  for (let round = 0; round < options.rounds; round += 1) {
    const order = cases.map((_, i) => cases[(i + round) % cases.length] as LoadCase);
    for (const item of order) {
      runs.get(item.name)?.push(await closedLoop(item, options.concurrency, options.roundMs));
    }
    options.onRound?.(round, results());
  }
  return results();
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** As received (not decoded: the load generator spends no time on it). */
  body: Buffer;
}

/** A GET with `agent`; the whole body read. */
export function httpGet(
  agent: http.Agent,
  url: URL,
  headers: Record<string, string>,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      {
        agent,
        hostname: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        headers,
        signal: AbortSignal.timeout(30_000),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
  });
}
