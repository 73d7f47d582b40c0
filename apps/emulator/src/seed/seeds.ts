/**
 * The seeds an empty store can start with: `demo` (the console's demo account), `fleet` (the
 * demo account as a large company: 50 organizations, 1,000 repositories) and `none`.
 */
import type { EmulatorConfig } from '../config';
import type { Store } from '../store/store';
import { seedDemo } from './demo';
import { seedFleet } from './fleet/seed';

export const SEED_NAMES = ['demo', 'fleet', 'none'] as const;
export type SeedName = (typeof SEED_NAMES)[number];

export function isSeedName(value: string): value is SeedName {
  return (SEED_NAMES as readonly string[]).includes(value);
}

/** What the start banner says was seeded. */
export const SEED_LABELS: Record<Exclude<SeedName, 'none'>, string> = {
  demo: 'demo account seeded',
  fleet: 'fleet account seeded: 50 organizations, 1,000 repositories',
};

/** Seeds the store with `name` if it is empty. Returns whether it did. */
export function runSeed(
  name: SeedName,
  input: { store: Store; config: EmulatorConfig; now: Date },
): boolean {
  if (name === 'none' || !input.store.isEmpty()) return false;
  (name === 'demo' ? seedDemo : seedFleet)(input);
  return true;
}
