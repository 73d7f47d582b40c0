/**
 * A tag clean-up through a `kill -9` of the BFF (issue 16): the BFF's bundle as a process on an
 * SQLite file, the emulator in this process noting every request it gets. A job of 600 tags in
 * ten repositories runs paced; while it runs, its owner still makes ordinary changes; a third of
 * the way in the BFF is killed and started again on the same file. The restarted BFF takes the
 * job up by itself, checks the items the dead one held, and finishes: every tag deleted, each by
 * exactly one DELETE, none lost.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEMO_CREDENTIALS,
  defaultRegions,
  PUSH_PATH,
  startEmulator,
} from '@swr-dashboard/emulator';
import { bffEnvFor } from '@swr-dashboard/test-support';
import {
  jobSummary,
  signRequest,
  type JobSummary,
  type TagCleanupSpec,
} from '@swr-dashboard/swr-client';
import { describe, expect, it } from 'vitest';
import { freePort, startBffProcess, type BffProcess } from '../../../bench/load/processes';
import { eventually } from './support/eventually';
import { Browser } from './support/stack';

const REGION = 'cn-north-4';
const REPOSITORIES = 10;
const TAGS_EACH = 60;

describe('a tag clean-up through a kill -9 of the BFF', () => {
  it('is taken up by the restarted BFF and deletes every tag exactly once', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'swr-jobs-crash-'));
    const requests: string[] = [];
    const emulator = await startEmulator({
      seed: 'demo',
      log: (line) => {
        requests.push(line);
      },
      config: { database: ':memory:', regions: defaultRegions(0) },
    });
    const port = await freePort();
    const env = {
      ...bffEnvFor(emulator),
      NODE_ENV: 'development',
      BFF_DATABASE: join(directory, 'bff.sqlite'),
      FLEET_INDEX: 'off',
      JOBS_CALLS_PER_SECOND: '100',
      JOBS_ITEM_LEASE: '1s',
      RATE_LIMIT_READS_PER_MINUTE: '100000',
    };
    let bff: BffProcess | undefined;
    try {
      const region = emulator.regions.find((candidate) => candidate.id === REGION);
      if (region === undefined) throw new Error('no region');
      bff = await startBffProcess({ env, port });
      const ada = new Browser(bff.origin);
      await ada.signInDemo('ada-admin');

      // Ten repositories of sixty tags each, pushed straight to the emulator.
      const names = Array.from({ length: REPOSITORIES }, (_, index) => `crash-${String(index)}`);
      for (const name of names) {
        const created = await ada.request(
          'POST',
          `/api/swr/${REGION}/v2/manage/namespaces/payments/repos`,
          {
            json: { repository: name, is_public: false, category: 'other', description: '' },
          },
        );
        expect(created.status, created.text).toBe(201);
        for (let tag = 0; tag < TAGS_EACH; tag += 1) {
          const body = JSON.stringify({
            namespace: 'payments',
            repository: name,
            tag: `c${String(tag)}`,
          });
          const url = `${region.url}${PUSH_PATH}`;
          const headers = signRequest({
            method: 'POST',
            url,
            headers: { 'Content-Type': 'application/json' },
            body,
            credentials: DEMO_CREDENTIALS,
          });
          expect((await fetch(url, { method: 'POST', headers, body })).status).toBe(200);
        }
      }
      const spec: TagCleanupSpec = {
        kind: 'tag-cleanup',
        region: REGION,
        repositories: names.map((repository) => ({ namespace: 'payments', repository })),
        rule: { pattern: 'c*' },
      };
      const started = await ada.request('POST', '/api/jobs', {
        json: { spec, confirm: { count: REPOSITORIES * TAGS_EACH } },
      });
      expect(started.status, started.text).toBe(201);
      const { id } = jobSummary.parse(started.json);
      const jobOf = async (browser: Browser): Promise<JobSummary> =>
        jobSummary.parse((await browser.get(`/api/jobs/${id}`)).json);

      // Its owner's own changes go on while it runs: the job spends no budget of theirs.
      const own = await ada.request(
        'POST',
        `/api/swr/${REGION}/v2/manage/namespaces/payments/repos`,
        {
          json: {
            repository: 'crash-own-change',
            is_public: false,
            category: 'other',
            description: '',
          },
        },
      );
      expect(own.status, own.text).toBe(201);

      await eventually(async () => {
        expect((await jobOf(ada)).counts.done).toBeGreaterThanOrEqual(200);
      }, 60_000);
      await bff.kill9();
      const atKill = requests.filter((line) => line.includes(' DELETE ')).length;
      expect(atKill).toBeLessThan(REPOSITORIES * TAGS_EACH);

      bff = await startBffProcess({ env, port });
      const again = new Browser(bff.origin);
      await again.signInDemo('ada-admin');
      await eventually(async () => {
        expect((await jobOf(again)).status).toBe('done');
      }, 60_000);
      const job = await jobOf(again);
      expect(job.counts).toEqual({
        pending: 0,
        running: 0,
        done: REPOSITORIES * TAGS_EACH,
        failed: 0,
        cancelled: 0,
      });

      // Each tag was deleted by exactly one DELETE, and none is left.
      const deletes = requests.filter(
        (line) => line.includes(' DELETE ') && line.includes('/tags/c'),
      );
      expect(deletes).toHaveLength(REPOSITORIES * TAGS_EACH);
      expect(new Set(deletes.map((line) => line.split(' ')[2])).size).toBe(
        REPOSITORIES * TAGS_EACH,
      );
      for (const name of names) {
        const left = await again.get(
          `/api/swr/${REGION}/v2/manage/namespaces/payments/repos/${name}/tags?limit=100&offset=0`,
        );
        expect(left.json).toEqual([]);
      }
      expect(bff.errors).toEqual([]);
    } finally {
      await bff?.stop();
      await emulator.close();
      rmSync(directory, { recursive: true, force: true });
    }
  }, 120_000);
});
