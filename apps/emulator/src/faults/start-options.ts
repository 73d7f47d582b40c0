/**
 * Faults given at start: `--fault '<json>'` (repeatable; an object or an array of them) or the
 * `EMULATOR_FAULTS` environment variable (the same JSON), and `--fault-seed` /
 * `EMULATOR_FAULT_SEED`. Flags win over the environment. A bad value throws an error naming it.
 */
import { z } from 'zod';
import { describeIssue, faultSchema, type Fault } from './schema';

const seed = z
  .string()
  .regex(/^\d{1,10}$/)
  .transform(Number)
  .pipe(z.int().max(2 ** 32 - 1));

function checkRegions(faults: Fault[], name: string, regions: readonly string[]): Fault[] {
  for (const fault of faults) {
    if (fault.region !== undefined && !regions.includes(fault.region)) {
      throw new Error(`${name}: region ${fault.region} is not served (${regions.join(', ')})`);
    }
  }
  return faults;
}

function parseFaults(text: string, name: string, regions: readonly string[]): Fault[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${name}: not JSON: ${text.slice(0, 200)}`);
  }
  if (Array.isArray(json)) {
    const list = z.array(faultSchema).safeParse(json);
    if (!list.success) throw new Error(`${name}: ${describeIssue(list.error)}`);
    return checkRegions(list.data, name, regions);
  }
  const one = faultSchema.safeParse(json);
  if (!one.success) throw new Error(`${name}: ${describeIssue(one.error)}`);
  return checkRegions([one.data], name, regions);
}

export interface FaultStartValues {
  /** The values of each `--fault` flag. */
  flags?: readonly string[] | undefined;
  /** `--fault-seed`. */
  seedFlag?: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  /** The regions the emulator serves. */
  regions: readonly string[];
}

export function faultsAtStart(values: FaultStartValues): { faults: Fault[]; faultSeed?: number } {
  const flags = values.flags ?? [];
  const envFaults = values.env.EMULATOR_FAULTS;
  const faults =
    flags.length > 0
      ? flags.flatMap((text, index) => parseFaults(text, `--fault #${index + 1}`, values.regions))
      : envFaults === undefined || envFaults.trim() === ''
        ? []
        : parseFaults(envFaults, 'EMULATOR_FAULTS', values.regions);
  const seedText = values.seedFlag ?? values.env.EMULATOR_FAULT_SEED;
  if (seedText === undefined) return { faults };
  const parsed = seed.safeParse(seedText);
  if (!parsed.success) {
    const name = values.seedFlag === undefined ? 'EMULATOR_FAULT_SEED' : '--fault-seed';
    throw new Error(`${name} must be an integer from 0 to 4294967295, not ${seedText}`);
  }
  return { faults, faultSeed: parsed.data };
}
