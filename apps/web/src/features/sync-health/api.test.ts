import type { FleetRepository } from '@swr-dashboard/swr-client/browser';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { bffError, swrPath } from '../../../test/handlers';
import { server } from '../../../test/server';
import { sendPlan } from './api';
import { healthRows } from './rows';

const TAGS = Array.from({ length: 250 }, (_, index) => `t${String(index)}`);

const REPOSITORY: FleetRepository = {
  region: 'cn-north-4',
  namespace: 'team',
  name: 'app',
  isPublic: false,
  category: 'other',
  description: '',
  tags: 250,
  size: 1,
  downloads: 0,
  updatedAt: null,
  retentions: [],
  syncTargets: [{ region: 'cn-east-3', namespace: 'team', override: false }],
  triggers: [],
  shares: [],
  grants: [],
  syncHealth: [
    { region: 'cn-east-3', namespace: 'team', missing: TAGS, differing: [], failedJobs: [] },
  ],
  indexedAt: '2026-03-10T12:00:00.000Z',
};

describe('sending a sync plan', () => {
  it('sends no request after one that was refused, and says which were not sent', async () => {
    const sent: number[] = [];
    server.use(
      http.post(swrPath('createManualImageSyncRepo'), async ({ request }) => {
        const body = (await request.json()) as { imageTag: string[] };
        sent.push(body.imageTag.length);
        return bffError(429, 'rate_limited');
      }),
    );
    const [row] = healthRows({ repositories: [REPOSITORY] });
    if (row === undefined) throw new Error('no row');
    const progress: string[] = [];
    const outcomes = await sendPlan({ row, tags: TAGS, override: false }, (index, total) => {
      progress.push(`${String(index)}/${String(total)}`);
    });
    expect(sent).toEqual([100]);
    expect(progress).toEqual(['0/3']);
    expect(outcomes.map((outcome) => [outcome.kind, outcome.tags.length])).toEqual([
      ['refused', 100],
      ['skipped', 100],
      ['skipped', 50],
    ]);
  });
});
