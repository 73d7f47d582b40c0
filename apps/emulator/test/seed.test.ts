/**
 * The demo seed looks like a real account: read back through the API, it has what the issue
 * asks for (organizations, repositories in every category, 1,500 tags over a year, permissions,
 * shares in every state, triggers of all types with histories, retention with logs, sync jobs).
 */
import { REPOSITORY_CATEGORIES, type SwrClient } from '@swr-dashboard/swr-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAIN, startTestEmulator, type TestEmulator } from './support/emulator';

let fixture: TestEmulator;
let client: SwrClient;
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  fixture = await startTestEmulator({ seed: 'demo' });
  client = fixture.client(MAIN);
});

afterAll(async () => {
  await fixture.close();
});

async function allRepositories() {
  const page = await client.listReposDetails({ query: { limit: 1000, offset: 0 } });
  return page.items;
}

describe('demo seed', () => {
  it('has at least 5 organizations and 40 repositories across every category', async () => {
    const { namespaces } = await client.listNamespaces();
    expect(namespaces.length).toBeGreaterThanOrEqual(5);
    const repositories = await allRepositories();
    expect(repositories.length).toBeGreaterThanOrEqual(40);
    const categories = new Set(repositories.map((repo) => repo.category));
    for (const category of REPOSITORY_CATEGORIES) expect(categories).toContain(category);
    expect(repositories.some((repo) => repo.is_public)).toBe(true);
    expect(repositories.some((repo) => repo.name.includes('/'))).toBe(true);
  });

  it('has 1,500 tags with semver, git-hash and latest names, pushed over a year', async () => {
    const repositories = await allRepositories();
    const total = repositories.reduce((sum, repo) => sum + repo.num_images, 0);
    expect(total).toBeGreaterThanOrEqual(1500);
    const names: string[] = [];
    const times: number[] = [];
    for (const repo of repositories) {
      const tags = await client.listRepositoryTags({
        params: { namespace: repo.namespace, repository: repo.name },
        query: { limit: 1000, offset: 0 },
      });
      expect(tags.total).toBe(repo.num_images);
      names.push(...tags.items.map((tag) => tag.Tag));
      times.push(...tags.items.map((tag) => Date.parse(tag.created)));
    }
    expect(names.some((name) => /^v?\d+\.\d+\.\d+$/.test(name))).toBe(true);
    expect(names.some((name) => /^(main-)?[0-9a-f]{7}$/.test(name))).toBe(true);
    expect(names).toContain('latest');
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(300 * DAY);
  });

  it('grants IAM users permissions on organizations and on repositories', async () => {
    const org = await client.showNamespaceAuth({ params: { namespace: 'platform' } });
    expect(org.others_auths.map((auth) => auth.auth).sort()).toEqual([1, 3, 7]);
    const repo = await client.showUserRepositoryAuth({
      params: { namespace: 'payments', repository: 'payment-gateway' },
    });
    expect(repo.others_auths.length).toBeGreaterThan(0);
  });

  it('has shares that are expired, expiring within a week, and forever, both ways', async () => {
    const byMe = await client.listSharedReposDetails({ query: { center: 'self' } });
    const deadlines: string[] = [];
    for (const repo of byMe.items) {
      const shares = await client.listRepoDomains({
        params: { namespace: repo.namespace, repository: repo.name },
      });
      deadlines.push(...shares.map((share) => share.deadline));
    }
    const now = Date.now();
    expect(deadlines).toContain('forever');
    expect(deadlines.some((deadline) => Date.parse(deadline) < now)).toBe(true);
    expect(
      deadlines.some(
        (deadline) => Date.parse(deadline) > now && Date.parse(deadline) < now + 7 * DAY,
      ),
    ).toBe(true);
    const withMe = await client.listSharedReposDetails({ query: { center: 'thirdparty' } });
    expect(withMe.items.map((repo) => repo.status).sort()).toEqual([false, true, true]);
  });

  it('has triggers of all three types, with successful and failed rollouts', async () => {
    const types = new Set<string>();
    const results = new Set<string>();
    for (const repo of await allRepositories()) {
      const triggers = await client.listTriggersDetails({
        params: { namespace: repo.namespace, repository: repo.name },
      });
      for (const trigger of triggers) {
        types.add(trigger.trigger_type);
        for (const entry of trigger.trigger_history) results.add(entry.result);
      }
    }
    expect([...types].sort()).toEqual(['all', 'regular', 'tag']);
    expect([...results].sort()).toEqual(['failed', 'success']);
  });

  it('has retention policies with logs and sync policies with jobs of several outcomes', async () => {
    const retained = await client.listRetentions({
      params: { namespace: 'platform', repository: 'ci/runner' },
    });
    expect(retained).toHaveLength(1);
    const logs = await client.listRetentionHistories({
      params: { namespace: 'platform', repository: 'ci/runner' },
    });
    expect(logs.total).toBeGreaterThan(0);
    const statuses = new Set<string>();
    for (const [namespace, repository] of [
      ['payments', 'payment-gateway'],
      ['data-eng', 'airflow'],
      ['platform', 'nginx'],
    ] as const) {
      const policies = await client.listImageAutoSyncReposDetails({
        params: { namespace, repository },
      });
      expect(policies.length).toBe(1);
      const jobs = await client.showSyncJob({
        params: { namespace, repository },
        query: { limit: 1000, offset: 0 },
      });
      for (const job of jobs.items) statuses.add(job.status);
    }
    expect([...statuses].sort()).toEqual(['existed', 'failed', 'success']);
  });
});
