/**
 * `/api/sync-starts/:region` names who started a repository's manual syncs, from the audit trail,
 * against the real emulator and a real OpenID Provider: the person (SWR only knows the console's
 * IAM user), the tags and the target of each sync sent through the console, newest first; only
 * this repository's, in this region; for whoever may read its sync jobs, and refused (audited)
 * for an organization outside the user's scopes.
 */
import { OIDC_ACCOUNTS } from '@swr-dashboard/test-support';
import { syncStartsResponse, type SyncStart } from '@swr-dashboard/swr-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSignedInStack, type SignedInStack } from './support/signed-in-stack';
import type { Browser } from './support/stack';

const REGION = 'cn-north-4';
const REPO = '/api/swr/cn-north-4/v2/manage/namespaces/payments/repos/payment-gateway';

let env: SignedInStack;
let admin: Browser;
let viewer: Browser;
let paula: Browser;

beforeAll(async () => {
  env = await startSignedInStack();
  ({ browser: admin } = await env.signIn(OIDC_ACCOUNTS.admin));
  ({ browser: viewer } = await env.signIn(OIDC_ACCOUNTS.viewer));
  ({ browser: paula } = await env.signIn(OIDC_ACCOUNTS.scopedOperator));
});
afterAll(async () => {
  await env.close();
});

async function manualSync(browser: Browser, tags: string[], remoteNamespace: string) {
  const reply = await browser.request('POST', `${REPO}/sync_images`, {
    json: { imageTag: tags, remoteRegionId: 'cn-east-3', remoteNamespace },
  });
  expect(reply.status, reply.text).toBe(200);
}

async function starts(browser: Browser, query: string): Promise<SyncStart[]> {
  const reply = await browser.get(`/api/sync-starts/${REGION}?${query}`);
  expect(reply.status, reply.text).toBe(200);
  return syncStartsResponse.parse(reply.json).starts;
}

describe('who started a manual sync', { timeout: 60_000 }, () => {
  it('names the person, the tags and the target of each sync, newest first', async () => {
    const tags = await admin.get(`${REPO}/tags?limit=3&offset=0`);
    const names = (tags.json as { Tag: string }[]).map((tag) => tag.Tag);
    expect(names).toHaveLength(3);
    await manualSync(admin, names.slice(0, 2), 'payments');
    await manualSync(paula, names.slice(2), 'payments');
    // Another repository's sync is not this one's.
    const other = await admin.request(
      'POST',
      '/api/swr/cn-north-4/v2/manage/namespaces/payments/repos/ledger-service/sync_images',
      { json: { imageTag: ['v1'], remoteRegionId: 'cn-east-3', remoteNamespace: 'payments' } },
    );
    expect(other.status).toBeLessThan(500);

    const found = await starts(viewer, 'namespace=payments&repository=payment-gateway');
    expect(
      found.map(({ by, tags: asked, remoteNamespace }) => ({ by, asked, remoteNamespace })),
    ).toEqual([
      {
        by: OIDC_ACCOUNTS.scopedOperator.preferredUsername,
        asked: names.slice(2),
        remoteNamespace: 'payments',
      },
      {
        by: OIDC_ACCOUNTS.admin.preferredUsername,
        asked: names.slice(0, 2),
        remoteNamespace: 'payments',
      },
    ]);
    expect(found.every((start) => start.remoteRegionId === 'cn-east-3')).toBe(true);
    // SWR's clock, from its answer's Date: no later than the console's record of the request
    // plus a second (the emulator shares the machine's clock).
    for (const start of found) {
      expect(start.jobsFrom).toBeDefined();
      expect(Date.parse(start.jobsFrom ?? '')).toBeLessThanOrEqual(Date.parse(start.at) + 1000);
      expect(Date.parse(start.jobsFrom ?? '')).toBeGreaterThan(Date.parse(start.at) - 5000);
    }
  });

  it('keeps the target of a sync too large to keep whole in the trail, with its tags unknown', async () => {
    const many = Array.from(
      { length: 100 },
      (_, i) => `nightly-build-${String(i).padStart(3, '0')}-${'x'.repeat(40)}`,
    );
    await manualSync(admin, many, 'payments');
    const [newest] = await starts(admin, 'namespace=payments&repository=payment-gateway');
    expect(newest).toMatchObject({
      by: OIDC_ACCOUNTS.admin.preferredUsername,
      tags: null,
      remoteRegionId: 'cn-east-3',
      remoteNamespace: 'payments',
    });
  });

  it('answers only for the region asked', async () => {
    expect(
      await starts(admin, 'namespace=payments&repository=payment-gateway').then(
        (all) => all.length,
      ),
    ).toBeGreaterThan(0);
    const reply = await admin.get(
      '/api/sync-starts/cn-east-3?namespace=payments&repository=payment-gateway',
    );
    expect(reply.status).toBe(200);
    expect(syncStartsResponse.parse(reply.json).starts).toEqual([]);
  });

  it('refuses an organization outside the user’s scopes, and records the refusal', async () => {
    const reply = await paula.get(
      `/api/sync-starts/${REGION}?namespace=platform&repository=base-images`,
    );
    expect(reply.status).toBe(403);
    expect(reply.json).toMatchObject({ code: 'forbidden', reason: 'scope' });
    const denied = env.audit('authz.denied').at(-1);
    expect(denied?.request.route).toBe('/api/sync-starts/:region');
    expect(denied?.actor?.name).toBe(OIDC_ACCOUNTS.scopedOperator.preferredUsername);
  });

  it('refuses bad input with a stable code, and an unknown region with 404', async () => {
    const bad = await admin.get(`/api/sync-starts/${REGION}?namespace=Bad!&repository=x`);
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ code: 'invalid_parameter' });
    const missing = await admin.get(`/api/sync-starts/${REGION}?namespace=payments`);
    expect(missing.status).toBe(400);
    const extra = await admin.get(
      `/api/sync-starts/${REGION}?namespace=payments&repository=x&limit=5`,
    );
    expect(extra.status).toBe(400);
    const region = await admin.get('/api/sync-starts/mars-1?namespace=payments&repository=x');
    expect(region.status).toBe(404);
    expect(region.json).toMatchObject({ code: 'not_found' });
  });

  it('needs a signed-in user', async () => {
    const reply = await fetch(
      `${admin.origin}/api/sync-starts/${REGION}?namespace=payments&repository=payment-gateway`,
    );
    expect(reply.status).toBe(401);
  });
});
