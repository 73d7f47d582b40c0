/**
 * An emulator data file with the demo account and one big repository, written in-process in one
 * transaction (as emulator-scale.ts fills its store: 20,000 tags take about a second, where
 * pushing them one by one over HTTP would take minutes). The emulator under test then starts on
 * that file as its own process (or, for an in-memory store, ./seeded-emulator.ts fills its own).
 */
import {
  DEMO_CREDENTIALS,
  SeedSession,
  defaultRegions,
  startEmulator,
  type RunningEmulator,
} from '@swr-dashboard/emulator';
import { DEMO_ACCOUNT_ID, projectIdOf } from '@swr-dashboard/emulator-fixtures';

export const REGION = 'cn-north-4';
export const NAMESPACE = 'bench';
export const REPOSITORY = 'big';

export interface Seeded {
  namespace: string;
  repository: string;
  tags: number;
  /** The demo-ops account's project id in REGION (sent as X-Project-Id). */
  projectId: string;
  credentials: typeof DEMO_CREDENTIALS & { projectId: string };
  fillMs: number;
}

export function demoProjectId(region: string = REGION): string {
  return projectIdOf({ id: DEMO_ACCOUNT_ID }, region);
}

/** Adds organization NAMESPACE with repository REPOSITORY holding `tags` tags, in one transaction. */
export function fillBigRepository(emulator: RunningEmulator, tags: number): void {
  const session = new SeedSession(
    emulator.store,
    emulator.config,
    'demo-ops',
    new Date(Date.now() - 400 * 86_400_000),
  );
  emulator.store.transaction(() => {
    session.call(REGION, 'createNamespace', { body: { namespace: NAMESPACE } });
    session.call(REGION, 'createRepo', {
      params: { namespace: NAMESPACE },
      body: { repository: REPOSITORY, is_public: false },
    });
    for (let i = 0; i < tags; i += 1) {
      session.now = new Date(session.now.getTime() + 1000);
      const tag = `v1.${Math.floor(i / 100)}.${i % 100}`;
      session.push(REGION, NAMESPACE, REPOSITORY, tag, 10_000_000);
    }
  });
}

/**
 * Adds organization NAMESPACE with `repositories` repositories `many-0`… of `tags` tags each
 * (`c0`…), in one transaction: the account a bulk job works on.
 */
export function fillManyRepositories(
  emulator: RunningEmulator,
  repositories: number,
  tags: number,
): string[] {
  const session = new SeedSession(
    emulator.store,
    emulator.config,
    'demo-ops',
    new Date(Date.now() - 400 * 86_400_000),
  );
  const names = Array.from({ length: repositories }, (_, index) => `many-${String(index)}`);
  emulator.store.transaction(() => {
    session.call(REGION, 'createNamespace', { body: { namespace: NAMESPACE } });
    for (const repository of names) {
      session.call(REGION, 'createRepo', {
        params: { namespace: NAMESPACE },
        body: { repository, is_public: false },
      });
      for (let i = 0; i < tags; i += 1) {
        session.now = new Date(session.now.getTime() + 1000);
        session.push(REGION, NAMESPACE, repository, `c${String(i)}`, 10_000_000);
      }
    }
  });
  return names;
}

/** The demo account and `repositories` × `tags` tags (fillManyRepositories) in a new SQLite file. */
export async function seedManyFile(
  database: string,
  repositories: number,
  tags: number,
): Promise<string[]> {
  const emulator = await startEmulator({
    config: { database, regions: defaultRegions(0) },
    seed: 'demo',
  });
  try {
    return fillManyRepositories(emulator, repositories, tags);
  } finally {
    await emulator.close();
  }
}

export function seeded(tags: number, fillMs: number): Seeded {
  const projectId = demoProjectId();
  return {
    namespace: NAMESPACE,
    repository: REPOSITORY,
    tags,
    projectId,
    credentials: { ...DEMO_CREDENTIALS, projectId },
    fillMs,
  };
}

/** The demo account and the big repository in a new SQLite file (the emulator closed after). */
export async function seedFile(database: string, tags: number): Promise<Seeded> {
  const started = performance.now();
  const emulator = await startEmulator({
    config: { database, regions: defaultRegions(0) },
    seed: 'demo',
  });
  try {
    fillBigRepository(emulator, tags);
  } finally {
    await emulator.close();
  }
  return seeded(tags, performance.now() - started);
}
