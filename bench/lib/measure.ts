/**
 * Side-by-side timing: cases are run interleaved, round after round, so drift on a shared,
 * noisy machine hits every case alike and the ratios between them stay meaningful.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

export interface Case {
  name: string;
  run: () => unknown;
}

export interface Timing {
  name: string;
  samples: number;
  medianMs: number;
  p95Ms: number;
  meanMs: number;
}

/** The value at quantile `q` (0–1) of ascending `sorted` (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export async function measure(
  cases: Case[],
  options: { rounds: number; perRound: number; warmup: number },
): Promise<Timing[]> {
  for (const item of cases) {
    for (let i = 0; i < options.warmup; i += 1) await item.run();
  }
  const samples = new Map<string, number[]>(cases.map((item) => [item.name, []]));
  for (let round = 0; round < options.rounds; round += 1) {
    for (const item of cases) {
      const list = samples.get(item.name) ?? [];
      for (let i = 0; i < options.perRound; i += 1) {
        const started = performance.now();
        await item.run();
        list.push(performance.now() - started);
      }
    }
  }
  return cases.map((item) => {
    const sorted = [...(samples.get(item.name) ?? [])].sort((a, b) => a - b);
    const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
    return {
      name: item.name,
      samples: sorted.length,
      medianMs: quantile(sorted, 0.5),
      p95Ms: quantile(sorted, 0.95),
      meanMs: mean,
    };
  });
}

export function machine(): Record<string, string | number> {
  return {
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform} ${process.arch}`,
    /** 1, 5 and 15 minutes, when the figures were taken: other work on a shared machine. */
    loadAverage: loadavg()
      .map((value) => value.toFixed(2))
      .join(' '),
  };
}

export function writeResults(name: string, json: unknown, markdown: string): void {
  const directory = join(import.meta.dirname, '..', 'results');
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, `${name}.json`), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(join(directory, `${name}.md`), markdown);
}

export function fixed(value: number, digits = 3): string {
  return value.toFixed(digits);
}
