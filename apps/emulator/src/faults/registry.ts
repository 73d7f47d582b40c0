/**
 * The faults in force, per region, and which of them hit a request. Latency faults add up; of
 * the other kinds, the first in the list that hits decides the answer. A fault with a count
 * clears itself once it has hit that many requests.
 */
import { matchOperation } from '@swr-dashboard/swr-client';
import { describeIssue, faultListSchema, faultSchema, type Fault, type FaultInput } from './schema';

/** What the emulator does to one request. */
export interface FaultPlan {
  /** Milliseconds to wait before the request is handled. */
  delayMs: number;
  /** The fault that decides the answer, when one hit. */
  outcome: Exclude<Fault, { kind: 'latency' }> | undefined;
  /** The kinds that hit, for the request log. */
  kinds: Fault['kind'][];
}

/** The plan of a request no fault hits. */
export const NO_FAULTS: FaultPlan = Object.freeze({ delayMs: 0, outcome: undefined, kinds: [] });

/** The programmatic API, for tests that run the emulator in-process. */
export interface FaultControl {
  /** The faults in force in a region; `count` is what remains of it. */
  list(region: string): Fault[];
  /** Replaces a region's faults; returns them. Throws `FaultInputError` on an invalid one. */
  set(region: string, faults: readonly FaultInput[]): Fault[];
  /** Adds a fault to a region's list; returns the list. */
  add(region: string, fault: FaultInput): Fault[];
  /** Clears a region's faults, or every region's. */
  clear(region?: string): void;
}

/** A fault that does not fit the schema, or names another region. */
export class FaultInputError extends Error {
  override readonly name = 'FaultInputError';
}

interface Active {
  fault: Fault;
  /** Hits left; undefined: until cleared. */
  remaining: number | undefined;
  route: { method: string; path: RegExp } | undefined;
}

/** `*` is any text within one path segment, `**` any text at all. */
function globToRegExp(glob: string): RegExp {
  const pattern = glob
    .split('**')
    .map((part) =>
      part
        .split('*')
        .map((text) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*'),
    )
    .join('.*');
  return new RegExp(`^${pattern}$`);
}

function activate(fault: Fault): Active {
  const stored: Fault = { ...fault };
  delete stored.region;
  let route: Active['route'];
  if (fault.route !== undefined) {
    const space = fault.route.indexOf(' ');
    route = {
      method: fault.route.slice(0, space),
      path: globToRegExp(fault.route.slice(space + 1)),
    };
  }
  return { fault: stored, remaining: fault.count, route };
}

export class FaultRegistry implements FaultControl {
  private readonly active = new Map<string, Active[]>();

  /**
   * @param initial faults from the start configuration; one without a region is set in each.
   * @throws Error when one names a region the emulator does not serve.
   */
  constructor(
    regions: readonly string[],
    initial: readonly Fault[],
    private readonly random: () => number = Math.random,
  ) {
    for (const region of regions) this.active.set(region, []);
    initial.forEach((fault, index) => {
      if (fault.region !== undefined && !this.active.has(fault.region)) {
        throw new Error(`faults.${index}.region: ${fault.region} is not a region of this emulator`);
      }
      for (const [region, list] of this.active) {
        if (fault.region === undefined || fault.region === region) list.push(activate(fault));
      }
    });
  }

  list(region: string): Fault[] {
    return this.regionList(region).map(({ fault, remaining }) => {
      const shown: Fault = { ...fault };
      if (remaining === undefined) delete shown.count;
      else shown.count = remaining;
      return shown;
    });
  }

  set(region: string, faults: readonly FaultInput[]): Fault[] {
    this.regionList(region);
    const parsed = faultListSchema.safeParse(faults);
    if (!parsed.success) throw new FaultInputError(describeIssue(parsed.error, 'faults'));
    parsed.data.forEach((fault, index) => {
      this.checkRegion(region, fault, `faults.${index}.region`);
    });
    this.active.set(region, parsed.data.map(activate));
    return this.list(region);
  }

  add(region: string, fault: FaultInput): Fault[] {
    const list = this.regionList(region);
    const parsed = faultSchema.safeParse(fault);
    if (!parsed.success) throw new FaultInputError(describeIssue(parsed.error));
    this.checkRegion(region, parsed.data, 'region');
    list.push(activate(parsed.data));
    return this.list(region);
  }

  clear(region?: string): void {
    for (const key of this.active.keys()) {
      if (region === undefined || key === region) this.active.set(key, []);
    }
  }

  /** The faults that hit this request, counted as used; undefined when none does. */
  plan(region: string, method: string, rawPath: string): FaultPlan | undefined {
    const list = this.active.get(region);
    if (list === undefined || list.length === 0) return undefined;
    let operation: string | null | undefined;
    const operationOf = () => {
      if (operation === undefined) {
        const match = matchOperation(method, rawPath);
        operation = match.ok ? match.name : null;
      }
      return operation;
    };
    const plan: FaultPlan = { delayMs: 0, outcome: undefined, kinds: [] };
    for (const entry of [...list]) {
      const { fault, route } = entry;
      if (fault.kind !== 'latency' && plan.outcome !== undefined) continue;
      if (fault.operation !== undefined && fault.operation !== operationOf()) continue;
      if (route !== undefined) {
        if (route.method !== '*' && route.method !== method.toUpperCase()) continue;
        if (!route.path.test(rawPath)) continue;
      }
      if (fault.probability < 1 && this.random() >= fault.probability) continue;
      this.use(region, entry);
      plan.kinds.push(fault.kind);
      if (fault.kind === 'latency') {
        const jitter = fault.jitterMs > 0 ? Math.floor(this.random() * (fault.jitterMs + 1)) : 0;
        plan.delayMs += fault.ms + jitter;
      } else {
        plan.outcome = fault;
      }
    }
    return plan.kinds.length === 0 ? undefined : plan;
  }

  private use(region: string, entry: Active): void {
    if (entry.remaining === undefined) return;
    entry.remaining -= 1;
    if (entry.remaining === 0) {
      this.active.set(
        region,
        this.regionList(region).filter((other) => other !== entry),
      );
    }
  }

  private regionList(region: string): Active[] {
    const list = this.active.get(region);
    if (list === undefined) throw new FaultInputError(`${region} is not a region of this emulator`);
    return list;
  }

  private checkRegion(region: string, fault: Fault, path: string): void {
    if (fault.region !== undefined && fault.region !== region) {
      throw new FaultInputError(`${path}: this is ${region}, not ${fault.region}`);
    }
  }
}
