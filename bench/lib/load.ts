/**
 * Throughput and latency at a fixed concurrency: `concurrency` loops each send one request, wait
 * for its whole answer and send the next (a closed loop), for a set time. Cases run interleaved,
 * round after round, each round in a rotated order, so drift on a shared, noisy machine hits
 * every case alike (as ./measure.ts does one call at a time). The client is plain `node:http`
 * with a keep-alive agent per case, the same for every case.
 */
import http from 'node:http';
import { quantile } from './measure';

export interface LoadCase {
  name: string;
  /** One request; resolves once the whole answer is read, rejects unless it is the right one. */
  send: () => Promise<unknown>;
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
}

async function closedLoop(item: LoadCase, concurrency: number, ms: number): Promise<Run> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
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
  return { latencies, errors, firstError, elapsedMs: performance.now() - started };
}

function summary(name: string, runs: Run[]): LoadResult {
  const latencies = runs.flatMap((run) => run.latencies).sort((a, b) => a - b);
  const seconds = runs.reduce((sum, run) => sum + run.elapsedMs, 0) / 1000;
  const errors = runs.reduce((sum, run) => sum + run.errors, 0);
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
  body: string;
}

/** A GET with `agent`; the whole body read as text. */
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
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
  });
}
