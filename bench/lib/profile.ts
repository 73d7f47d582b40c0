/**
 * Where a process spent its CPU: reads a V8 `.cpuprofile` (written by `node --cpu-prof` when the
 * process exits) and sums self time per function and per area (a package under node_modules,
 * a source file of ours, Node's internals, the garbage collector). Idle time is left out of the
 * shares: they say how the busy time divides. In an esbuild bundle (the BFF's `dist/main.mjs`),
 * a line belongs to the source file whose `// apps/…/src/….ts` marker comes last before it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Cost {
  name: string;
  selfMs: number;
  /** Of the busy (non-idle) time. */
  share: number;
}

export interface ProfileSummary {
  file: string;
  busyMs: number;
  idleMs: number;
  functions: Cost[];
  /** Self time by where the code is. */
  areas: Cost[];
  /**
   * Time of Node's internals and native code charged to the nearest caller that is a package
   * or a file of ours (so a socket write counts for whoever wrote); the collector stays apart.
   */
  callers: Cost[];
}

const UNOWNED = new Set(['node:internal', '(native)', '(program)']);

/** `express`, `apps/bff/src/proxy/upstream.ts`, `node:internal`, `(garbage collector)`. */
export function areaOf(url: string, functionName: string, lineNumber = 0): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const path = url.replace(/^file:\/\//, '');
  if (path.endsWith('.mjs')) {
    const source = bundleSource(path, lineNumber);
    if (source !== undefined) return source;
  }
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pnpm?.[1] !== undefined) return pnpm[1];
  const plain = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (plain?.[1] !== undefined) return plain[1];
  const ours = /\/((?:apps|packages)\/[^/]+\/src\/.+)$/.exec(path);
  if (ours?.[1] !== undefined) return ours[1];
  if (path.startsWith('node:')) return 'node:internal';
  return path;
}

/** Each bundle's module markers: [first line (0-based), source path], in order. */
const bundles = new Map<string, [number, string][]>();

/** The source file a line of an esbuild bundle came from. */
function bundleSource(path: string, lineNumber: number): string | undefined {
  let markers = bundles.get(path);
  if (markers === undefined) {
    markers = [];
    let lines: string[] = [];
    try {
      lines = readFileSync(path, 'utf8').split('\n');
    } catch {
      // Not readable (anymore): the bundle's own name stands.
    }
    lines.forEach((line, index) => {
      const marker = /^\/\/ (?:\.\.\/)*((?:apps|packages)\/[^/]+\/src\/\S+\.ts)$/.exec(line);
      if (marker?.[1] !== undefined) markers?.push([index, marker[1]]);
    });
    bundles.set(path, markers);
  }
  let found: string | undefined;
  for (const [start, source] of markers) {
    if (start > lineNumber) break;
    found = source;
  }
  return found;
}

function top(costs: Map<string, number>, busyMs: number, count: number): Cost[] {
  return [...costs]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, selfMs]) => ({ name, selfMs, share: busyMs === 0 ? 0 : selfMs / busyMs }));
}

export function summarizeProfile(file: string, count = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parents.set(child, node.id);
  const owner = (id: number): string => {
    let current: number | undefined = id;
    let fallback: string | undefined;
    while (current !== undefined) {
      const frame = byId.get(current);
      if (frame !== undefined) {
        const area = areaOf(frame.url, frame.functionName, frame.lineNumber);
        if (!UNOWNED.has(area)) return area;
        fallback ??= area;
      }
      current = parents.get(current);
    }
    return fallback ?? '(unknown)';
  };
  const functions = new Map<string, number>();
  const areas = new Map<string, number>();
  const callers = new Map<string, number>();
  let idleMs = 0;
  let busyMs = 0;
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    const frame = byId.get(id);
    if (frame === undefined) return;
    if (frame.functionName === '(idle)') {
      idleMs += ms;
      return;
    }
    busyMs += ms;
    const area = areaOf(frame.url, frame.functionName, frame.lineNumber);
    const where = area === 'node:internal' ? frame.url : area;
    const name = `${frame.functionName || '(anonymous)'} ${where}${frame.url === '' ? '' : `:${frame.lineNumber + 1}`}`;
    functions.set(name, (functions.get(name) ?? 0) + ms);
    areas.set(area, (areas.get(area) ?? 0) + ms);
    const charged = owner(id);
    callers.set(charged, (callers.get(charged) ?? 0) + ms);
  });
  return {
    file,
    busyMs,
    idleMs,
    functions: top(functions, busyMs, count),
    areas: top(areas, busyMs, count),
    callers: top(callers, busyMs, count),
  };
}

/**
 * The busiest `.cpuprofile` in `directory`: under `--import tsx` a process writes one per thread
 * (the module loader runs in a worker of its own), and the main thread is the one that served.
 */
export function busiestProfile(directory: string, count = 15): ProfileSummary | undefined {
  const summaries = readdirSync(directory)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => summarizeProfile(join(directory, name), count));
  return summaries.sort((a, b) => b.busyMs - a.busyMs)[0];
}
