/**
 * The browser benchmarks' reading of a Chromium trace (browser-tags.ts, browser-fleet.ts): the
 * page's main-thread CPU time per frame.
 */
import { quantile } from '../lib/measure';

/** A frame of 50 ms or more is a long one. */
const FRAME_MS = 50;

/**
 * The page's main-thread CPU time per frame during an interaction, from a Chromium trace: the CPU
 * (thread) time of every task from one frame's rendering to the next, summed. Unlike a frame's
 * wall time it hardly grows when other processes take the cores, so it shows what the page costs
 * on a busy machine.
 */
export interface CpuFrames {
  frames: number;
  /** The heaviest frame's main-thread CPU (ms). */
  heaviestMs: number;
  p95Ms: number;
  /** Frames whose main-thread CPU alone reaches 50 ms. */
  over50: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

export function cpuFrames(trace: Buffer): CpuFrames {
  const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const thread = (event: TraceEvent) => `${event.pid}:${event.tid}`;
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map(thread),
  );
  // The page's renderer: the main thread that ran the most.
  const busy = new Map<string, number>();
  for (const e of events) {
    if (e.ph === 'X' && e.name === 'RunTask' && mains.has(thread(e))) {
      busy.set(thread(e), (busy.get(thread(e)) ?? 0) + (e.tdur ?? 0));
    }
  }
  const main = [...busy].sort((a, b) => b[1] - a[1])[0]?.[0];
  const onMain = events.filter((e) => e.ph === 'X' && thread(e) === main);
  const tasks: TraceEvent[] = [];
  let end = 0;
  for (const task of onMain
    .filter((e) => e.name === 'RunTask' && e.tdur !== undefined)
    .sort((a, b) => a.ts - b.ts)) {
    if (task.ts < end) continue; // nested in the previous task
    tasks.push(task);
    end = task.ts + (task.dur ?? 0);
  }
  const renders = onMain
    .filter((e) => e.name === 'ProxyMain::BeginMainFrame')
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  const frames: number[] = [];
  let cpu = 0;
  let next = 0;
  for (const task of tasks) {
    cpu += (task.tdur ?? 0) / 1000;
    const taskEnd = task.ts + (task.dur ?? 0);
    let rendered = false;
    while (next < renders.length && (renders[next] ?? Infinity) <= taskEnd) {
      if ((renders[next] ?? 0) >= task.ts) rendered = true;
      next += 1;
    }
    if (rendered) {
      frames.push(cpu);
      cpu = 0;
    }
  }
  const sorted = frames.sort((a, b) => a - b);
  return {
    frames: sorted.length,
    heaviestMs: sorted.at(-1) ?? 0,
    p95Ms: quantile(sorted, 0.95),
    over50: sorted.filter((ms) => ms >= FRAME_MS).length,
  };
}

/** What a trace records for cpuFrames. */
export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'cc',
];
