/**
 * The fleet seed (issue 15's large account): 50 organizations with 1,000 repositories in
 * cn-north-4, each kind of thing an account-wide index reads in the numbers the seed promises,
 * the store's invariants kept, the same data on every run, and the ordinary API paging over it.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { REPOSITORY_CATEGORIES, type SwrClient } from '@swr-dashboard/swr-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRegions, startEmulator, type RunningEmulator } from '../src/index';
import type { Store } from '../src/store/store';
import { EAST, MAIN, startTestEmulator, type TestEmulator } from './support/emulator';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-11-29T12:00:00.000Z');
const SEEDING = 60_000;

let fixture: TestEmulator;
let client: SwrClient;
let store: Store;
const directory = mkdtempSync(join(tmpdir(), 'swr-fleet-'));

beforeAll(async () => {
  fixture = await startTestEmulator({ seed: 'fleet', clock: () => NOW });
  client = fixture.client(MAIN);
  store = fixture.emulator.store;
}, SEEDING);

afterAll(async () => {
  await fixture.close();
  rmSync(directory, { recursive: true, force: true });
});

const count = (sql: string, ...params: unknown[]) =>
  store.get<{ n: number }>(`SELECT count(*) AS n FROM (${sql})`, ...params)?.n;

/** Each table's rows, in order, as one hash per table. */
function fingerprint(of: Store): Record<string, string> {
  const tables = of.all<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      createHash('sha256')
        .update(JSON.stringify(of.all(`SELECT * FROM ${name} ORDER BY rowid`)))
        .digest('hex'),
    ]),
  );
}

describe('fleet seed: organizations and repositories', () => {
  it('has 50 organizations holding 1,000 repositories, spread unevenly', async () => {
    const { namespaces } = await client.listNamespaces();
    expect(namespaces).toHaveLength(50);
    const sizes = store
      .all<{ n: number }>(
        `SELECT count(r.id) AS n FROM namespaces n LEFT JOIN repositories r ON r.namespace_id = n.id
         WHERE n.region = ? GROUP BY n.id`,
        MAIN,
      )
      .map((row) => row.n);
    expect(sizes.reduce((sum, n) => sum + n, 0)).toBe(1000);
    expect(sizes.filter((n) => n >= 1 && n <= 3).length).toBeGreaterThanOrEqual(3);
    expect(sizes.filter((n) => n >= 60).length).toBeGreaterThanOrEqual(3);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1);
  });

  it('names them like services, in every category, public and private, mostly described and pulled', () => {
    const repos = store.all<{
      name: string;
      category: string;
      is_public: number;
      description: string;
      dl: number;
    }>(
      `SELECT name, category, is_public, description, num_download AS dl FROM repositories
       WHERE region = ?`,
      MAIN,
    );
    expect(new Set(repos.map((repo) => repo.category))).toEqual(new Set(REPOSITORY_CATEGORIES));
    expect(repos.every((repo) => /^[a-z0-9]+([-/][a-z0-9]+)*$/.test(repo.name))).toBe(true);
    expect(repos.filter((repo) => /-(api|service|worker)$/.test(repo.name)).length).toBeGreaterThan(
      300,
    );
    const publicCount = repos.filter((repo) => repo.is_public === 1).length;
    expect(publicCount).toBeGreaterThan(50);
    expect(publicCount).toBeLessThan(200);
    const described = repos.filter((repo) => repo.description !== '').length;
    expect(described).toBeGreaterThan(850);
    expect(described).toBeLessThan(1000);
    expect(repos.filter((repo) => repo.dl > 0).length).toBeGreaterThan(800);
    expect(Math.max(...repos.map((repo) => repo.dl))).toBeGreaterThan(100_000);
  });

  it('holds mostly 5–40 tags per repository, some none, a few several hundred, pushed over a year', () => {
    const tagCounts = store
      .all<{ n: number }>('SELECT num_images AS n FROM repositories WHERE region = ?', MAIN)
      .map((row) => row.n);
    expect(tagCounts.filter((n) => n >= 5 && n <= 40).length).toBeGreaterThan(700);
    expect(tagCounts.filter((n) => n === 0).length).toBeGreaterThanOrEqual(10);
    const big = tagCounts.filter((n) => n >= 150);
    expect(big.length).toBeGreaterThanOrEqual(3);
    expect(big.length).toBeLessThanOrEqual(10);
    expect(Math.max(...tagCounts)).toBeGreaterThanOrEqual(300);
    const times = store.get<{ first: string; last: string }>(
      `SELECT min(t.created) AS first, max(t.created) AS last FROM tags t
       JOIN repositories r ON r.id = t.repository_id WHERE r.region = ?`,
      MAIN,
    );
    const first = Date.parse(times?.first ?? '');
    const last = Date.parse(times?.last ?? '');
    expect(first).toBeGreaterThanOrEqual(NOW.getTime() - 366 * DAY);
    expect(last).toBeLessThanOrEqual(NOW.getTime());
    expect(last - first).toBeGreaterThan(300 * DAY);
    expect(count("SELECT 1 FROM tags WHERE digest NOT GLOB 'sha256:*' OR size <= 0")).toBe(0);
  });

  it('keeps every repository’s tag count and size equal to its tags, in every region', async () => {
    const inconsistent = store.all(
      `SELECT r.region, r.name, r.num_images, r.size,
         (SELECT count(*) FROM tags t WHERE t.repository_id = r.id) AS tags,
         (SELECT coalesce(sum(size), 0) FROM tags t WHERE t.repository_id = r.id) AS bytes
       FROM repositories r WHERE r.num_images <> tags OR r.size <> bytes`,
    );
    expect(inconsistent).toEqual([]);
    // And through the API, for the biggest repositories and a few others.
    const sample = store.all<{ namespace: string; name: string; num_images: number }>(
      `SELECT n.name AS namespace, r.name, r.num_images FROM repositories r
       JOIN namespaces n ON n.id = r.namespace_id WHERE r.region = ?
       ORDER BY r.num_images DESC, r.id LIMIT 8`,
      MAIN,
    );
    for (const repo of sample) {
      const tags = await client.listRepositoryTags({
        params: { namespace: repo.namespace, repository: repo.name },
        query: { limit: 1000, offset: 0 },
      });
      expect(tags.total).toBe(repo.num_images);
      expect(tags.items).toHaveLength(repo.num_images);
    }
  });
});

describe('fleet seed: policies, triggers, sync, shares and permissions', () => {
  it('has retention policies on a third of the repositories, which have deleted tags', () => {
    expect(count('SELECT 1 FROM retentions')).toBe(333);
    expect(count('SELECT DISTINCT repository_id FROM retention_logs')).toBeGreaterThan(100);
  });

  it('has 71 triggers: 18 whose last rollout failed within 7 days, 5 before, 38 fine, 10 never fired', async () => {
    const triggers = store.all<{ last: string | null; at: string | null }>(
      `SELECT
         (SELECT result FROM trigger_histories h WHERE h.trigger_id = t.id ORDER BY h.id DESC LIMIT 1) AS last,
         (SELECT created_at FROM trigger_histories h WHERE h.trigger_id = t.id ORDER BY h.id DESC LIMIT 1) AS at
       FROM triggers t`,
    );
    expect(triggers).toHaveLength(71);
    const weekAgo = NOW.getTime() - 7 * DAY;
    const failed = triggers.filter((trigger) => trigger.last === 'failed');
    expect(failed.filter((trigger) => Date.parse(trigger.at ?? '') > weekAgo)).toHaveLength(18);
    expect(failed.filter((trigger) => Date.parse(trigger.at ?? '') <= weekAgo)).toHaveLength(5);
    expect(triggers.filter((trigger) => trigger.last === 'success')).toHaveLength(38);
    expect(triggers.filter((trigger) => trigger.last === null)).toHaveLength(10);
    // The API shows the failure first.
    const repo = store.get<{ namespace: string; name: string }>(
      `SELECT n.name AS namespace, r.name FROM triggers t
       JOIN repositories r ON r.id = t.repository_id JOIN namespaces n ON n.id = r.namespace_id
       WHERE t.cluster_name LIKE 'legacy-%' AND t.enable = 1 ORDER BY t.id LIMIT 1`,
    );
    const listed = await client.listTriggersDetails({
      params: { namespace: repo?.namespace ?? '', repository: repo?.name ?? '' },
    });
    const legacy = listed.find((trigger) => trigger.cluster_name.startsWith('legacy-'));
    expect(legacy?.trigger_history[0]?.result).toBe('failed');
  });

  it('syncs 60 repositories to other regions: some tags there, some missing, some with another digest', () => {
    expect(count('SELECT 1 FROM sync_policies WHERE sync_auto = 1')).toBe(60);
    expect(count('SELECT 1 FROM sync_policies WHERE remote_region = ?', EAST)).toBe(48);
    const pairs = store.all<{ source: string; target: string | null }>(
      `SELECT t.digest AS source,
         (SELECT c.digest FROM namespaces tn
            JOIN repositories tr ON tr.namespace_id = tn.id AND tr.name = r.name
            JOIN tags c ON c.repository_id = tr.id AND c.tag = t.tag
          WHERE tn.region = p.remote_region AND tn.name = p.remote_namespace) AS target
       FROM sync_policies p JOIN repositories r ON r.id = p.repository_id
       JOIN tags t ON t.repository_id = r.id`,
    );
    const same = pairs.filter((pair) => pair.target === pair.source).length;
    const missing = pairs.filter((pair) => pair.target === null).length;
    const other = pairs.filter((pair) => pair.target !== null && pair.target !== pair.source);
    expect(same).toBeGreaterThan(100);
    expect(missing).toBeGreaterThan(100);
    expect(other.length).toBeGreaterThanOrEqual(5);
    expect(count("SELECT 1 FROM sync_jobs WHERE status = 'existed'")).toBe(other.length);
  });

  it('shares 23 images: 7 forever (one with an account not ours), 5 ending within 30 days, 6 later, 5 ended', async () => {
    const shared = await client.listSharedReposDetails({
      query: { center: 'self', limit: 100, offset: 0 },
    });
    expect(shared.total).toBe(23);
    const shares = (
      await Promise.all(
        shared.items.map((repo) =>
          client.listRepoDomains({ params: { namespace: repo.namespace, repository: repo.name } }),
        ),
      )
    ).flat();
    expect(shares).toHaveLength(23);
    const ends = (share: (typeof shares)[number]) => Date.parse(share.deadline) - NOW.getTime();
    expect(shares.filter((share) => share.deadline === 'forever')).toHaveLength(7);
    expect(shares.filter((share) => ends(share) > 0 && ends(share) <= 30 * DAY)).toHaveLength(5);
    expect(shares.filter((share) => ends(share) > 30 * DAY)).toHaveLength(6);
    const ended = shares.filter((share) => ends(share) <= 0);
    expect(ended).toHaveLength(5);
    expect(ended.every((share) => !share.status)).toBe(true);
    const ours = fixture.emulator.config.accounts.map((account) => account.name);
    expect(shares.filter((share) => !ours.includes(share.access_domain))).toHaveLength(1);
  });

  it('grants 30 organizations and 50 repositories to IAM users, 15 of them redundantly', async () => {
    expect(count('SELECT DISTINCT namespace_id FROM namespace_auths')).toBe(30);
    expect(count('SELECT DISTINCT repository_id FROM repository_auths')).toBe(50);
    const redundant = store.all<{ namespace: string; name: string; user: string }>(
      `SELECT n.name AS namespace, r.name, ra.user_name AS user FROM repository_auths ra
       JOIN repositories r ON r.id = ra.repository_id JOIN namespaces n ON n.id = r.namespace_id
       JOIN namespace_auths na ON na.namespace_id = r.namespace_id AND na.user_id = ra.user_id`,
    );
    expect(redundant).toHaveLength(15);
    const [first] = redundant;
    const org = await client.showNamespaceAuth({ params: { namespace: first?.namespace ?? '' } });
    const repo = await client.showUserRepositoryAuth({
      params: { namespace: first?.namespace ?? '', repository: first?.name ?? '' },
    });
    expect(org.others_auths.map((auth) => auth.user_name)).toContain(first?.user);
    expect(repo.others_auths.map((auth) => auth.user_name)).toContain(first?.user);
  });
});

describe('fleet seed: the API over it', () => {
  it('pages listReposDetails over the 1,000 with Content-Range offset-count/total', async () => {
    const seen = new Set<string>();
    for (let offset = 0; offset < 1000; offset += 100) {
      const page = await fixture.raw(MAIN, {
        method: 'GET',
        path: '/v2/manage/repos',
        query: [
          ['limit', '100'],
          ['offset', String(offset)],
        ],
      });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-range')).toBe(`${offset}-100/1000`);
      for (const repo of page.json as { namespace: string; name: string }[])
        seen.add(`${repo.namespace}/${repo.name}`);
    }
    expect(seen.size).toBe(1000);
    const past = await fixture.raw(MAIN, {
      method: 'GET',
      path: '/v2/manage/repos',
      query: [
        ['limit', '100'],
        ['offset', '1000'],
      ],
    });
    expect(past.headers.get('content-range')).toBe('1000-0/1000');
    const all = await client.listReposDetails({ query: { limit: 1000, offset: 0 } });
    expect(all.total).toBe(1000);
    expect(new Set(all.items.map((repo) => `${repo.namespace}/${repo.name}`))).toEqual(seen);
  });
});

describe('fleet seed: determinism', () => {
  let onFile: RunningEmulator | undefined;

  afterAll(async () => {
    await onFile?.close();
  });

  it(
    'writes the same data on SQLite as in memory, and seeds a store only once',
    async () => {
      const database = join(directory, 'fleet.sqlite');
      const config = { database, regions: defaultRegions(0) };
      onFile = await startEmulator({ config, seed: 'fleet', clock: () => NOW });
      expect(onFile.seeded).toBe(true);
      const expected = fingerprint(store);
      expect(count('SELECT 1 FROM tags')).toBeGreaterThan(20_000);
      expect(fingerprint(onFile.store)).toEqual(expected);
      await onFile.close();
      onFile = await startEmulator({ config, seed: 'fleet', clock: () => NOW });
      expect(onFile.seeded).toBe(false);
      expect(fingerprint(onFile.store)).toEqual(expected);
    },
    SEEDING,
  );

  it(
    'derives every time from now: seeded an hour later, the same totals, each time an hour on',
    async () => {
      const later = await startEmulator({
        config: { database: ':memory:', regions: defaultRegions(0) },
        seed: 'fleet',
        clock: () => new Date(NOW.getTime() + 60 * 60 * 1000),
      });
      try {
        const totals = (of: Store) =>
          [
            "SELECT 1 FROM namespaces WHERE region = 'cn-north-4'",
            "SELECT 1 FROM repositories WHERE region = 'cn-north-4'",
            'SELECT 1 FROM retentions',
            'SELECT 1 FROM triggers',
            'SELECT 1 FROM sync_policies',
            'SELECT 1 FROM shares',
            'SELECT DISTINCT namespace_id FROM namespace_auths',
            'SELECT DISTINCT repository_id FROM repository_auths',
          ].map((sql) => of.get<{ n: number }>(`SELECT count(*) AS n FROM (${sql})`)?.n);
        expect(totals(later.store)).toEqual([50, 1000, 333, 71, 60, 23, 30, 50]);
        expect(totals(later.store)).toEqual(totals(store));
        const created = (of: Store) =>
          of
            .all<{ at: string }>('SELECT created_at AS at FROM repositories ORDER BY id LIMIT 1000')
            .map((row) => Date.parse(row.at));
        const before = created(store);
        expect(created(later.store).map((at, i) => at - (before[i] ?? 0))).toEqual(
          before.map(() => 60 * 60 * 1000),
        );
        expect(fingerprint(later.store).tags).not.toBe(fingerprint(store).tags);
      } finally {
        await later.close();
      }
    },
    SEEDING,
  );
});

describe('pnpm emulator --seed', () => {
  const run = (args: string[]) =>
    spawn(
      process.execPath,
      ['--import', 'tsx', 'src/main.ts', '--memory', '--port', '0', ...args],
      {
        cwd: resolve(import.meta.dirname, '..'),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );

  it(
    'starts with the fleet account and says so',
    async () => {
      const child = run(['--seed', 'fleet', '--quiet']);
      const exited = new Promise((done) => child.once('exit', done));
      let banner = '';
      for await (const line of createInterface({ input: child.stdout })) {
        if (banner === '') banner = line;
        if (line.includes('demo keys')) break;
      }
      child.kill('SIGTERM');
      await exited;
      expect(banner).toMatch(
        /^SWR emulator ready in \d+ ms \(fleet account seeded: 50 organizations, 1,000 repositories\)$/,
      );
    },
    SEEDING,
  );

  it(
    'refuses an unknown seed and a --seed that --no-seed contradicts',
    async () => {
      for (const [args, message] of [
        [['--seed', 'huge'], /^--seed must be one of demo, fleet, none, not huge/],
        [['--seed', 'fleet', '--no-seed'], /^--no-seed and --seed fleet contradict each other/],
      ] as const) {
        const child = run([...args]);
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString('utf8');
        });
        const code = await new Promise<number | null>((done) => child.on('close', done));
        expect(code).toBe(1);
        expect(stderr).toMatch(message);
      }
    },
    SEEDING,
  );
});
