/**
 * Lists for a user limited to some organizations, which the BFF reads from SWR and filters
 * itself, when SWR misbehaves or the account is larger than the BFF reads: a clear error every
 * time, never a 500, and an audit record that is finished (never left `pending`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../src/audit/trail';
import { OIDC_ACCOUNTS } from '@swr-dashboard/test-support';
import { startFaultServer, type FaultServer } from './support/fault-server';
import { startSignedInStack, type SignedInStack } from './support/signed-in-stack';
import type { Browser, Reply } from './support/stack';

const SWR = '/api/swr/ap-southeast-3/v2/manage';
const MAX_ITEMS = 1000;

let env: SignedInStack;
let fault: FaultServer;
let paula: Browser;

beforeAll(async () => {
  fault = await startFaultServer();
  env = await startSignedInStack({
    env: {
      SWR_ENDPOINT_AP_SOUTHEAST_3: fault.origin,
      UPSTREAM_READ_RETRIES: '0',
      // Reads are audited too: their records must be finished whatever happens.
      AUDIT_READS: 'true',
      SCOPED_LIST_MAX_ITEMS: String(MAX_ITEMS),
      DEPLOY_SCOPES: 'swr-operators-payments=*:payments*',
    },
  });
  ({ browser: paula } = await env.signIn(OIDC_ACCOUNTS.scopedOperator));
});
afterAll(async () => {
  await env.close();
  await fault.close();
});

function recordOf(reply: Reply): AuditRecord | undefined {
  const id = reply.headers.get('x-request-id');
  return env.audit().find((record) => record.request.id === id);
}

function repositories(count: number, namespace: string) {
  return Array.from({ length: count }, (_, i) => ({
    name: `app-${String(i)}`,
    namespace,
    category: 'other',
    description: '',
    size: 0,
    is_public: false,
    num_images: 0,
    num_download: 0,
    url: '',
    path: '',
    internal_path: '',
    domain_name: 'demo-ops',
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    tags: [],
    status: false,
    total_range: count,
  }));
}

describe('a scoped list', () => {
  it.each([
    ['not JSON', 'oops, not json'],
    ['JSON that is not a list', JSON.stringify({ repos: [] })],
    ['a list of things that are not repositories', JSON.stringify([1, 2, 3])],
  ])(
    'SWR answering %s → 502 upstream_invalid_response, the read record finished',
    async (_, body) => {
      fault.reset();
      fault.queue({ kind: 'reply', status: 200, body });
      const reply = await paula.get(`${SWR}/repos?limit=10&offset=0`);
      expect(reply.status, reply.text).toBe(502);
      expect(reply.json).toMatchObject({ code: 'upstream_invalid_response' });
      expect(recordOf(reply)).toMatchObject({
        event: 'swr.listReposDetails',
        outcome: 'failure',
        httpStatus: 502,
        reason: 'invalid response',
      });
    },
  );

  it('of organizations, answered with a body that holds no list → 502, finished', async () => {
    fault.reset();
    fault.queue({ kind: 'reply', status: 200, body: JSON.stringify({ namespaces: 5 }) });
    const reply = await paula.get(`${SWR}/namespaces`);
    expect(reply.status, reply.text).toBe(502);
    expect(recordOf(reply)).toMatchObject({ outcome: 'failure' });
  });

  it(`stops after ${MAX_ITEMS} items of the account: 422 list_too_large, no more calls`, async () => {
    fault.reset();
    fault.queue({
      kind: 'reply',
      status: 200,
      body: JSON.stringify(repositories(MAX_ITEMS, 'payments')),
    });
    const reply = await paula.get(`${SWR}/repos?limit=10&offset=0`);
    expect(reply.status, reply.text).toBe(422);
    expect(reply.json).toMatchObject({ code: 'list_too_large', reason: 'scoped-list-cap' });
    expect((reply.json as { message: string }).message).toContain(String(MAX_ITEMS));
    expect(fault.requests).toHaveLength(1);
    expect(recordOf(reply)).toMatchObject({ outcome: 'failure', httpStatus: 422 });
    expect(recordOf(reply)?.reason).toMatch(/^This list reads more than 1000 items/);
  });

  it('within the cap, pages as before: only the user’s organizations, counted', async () => {
    fault.reset();
    fault.queue({
      kind: 'reply',
      status: 200,
      body: JSON.stringify([...repositories(3, 'payments'), ...repositories(4, 'platform')]),
    });
    const reply = await paula.get(`${SWR}/repos?limit=2&offset=0`);
    expect(reply.status, reply.text).toBe(200);
    expect((reply.json as { namespace: string }[]).map((repo) => repo.namespace)).toEqual([
      'payments',
      'payments',
    ]);
    // SWR's form: offset-count/total.
    expect(reply.headers.get('content-range')).toBe('0-2/3');
    // How many the user's scopes left out, so that the console can say so.
    expect(reply.headers.get('x-scope-hidden')).toBe('4');
    expect(recordOf(reply)).toMatchObject({ outcome: 'success' });
  });
});

describe('the count of what a scope hides', () => {
  it('comes from the BFF alone: SWR cannot set it for a user who is not limited', async () => {
    const { browser: admin } = await env.signIn(OIDC_ACCOUNTS.admin);
    fault.reset();
    fault.queue({
      kind: 'reply',
      status: 200,
      body: JSON.stringify(repositories(2, 'platform')),
      headers: { 'Content-Range': '0-2/2', 'X-Scope-Hidden': '99' },
    });
    const reply = await admin.get(`${SWR}/repos?limit=10&offset=0`);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.headers.get('x-scope-hidden')).toBeNull();
  });
});

describe('the trigger a change names', () => {
  const TRIGGER = `${SWR}/namespaces/payments/repos/api/triggers/deploy`;

  function shown(name: string, namespace: string) {
    return JSON.stringify({
      action: 'update',
      app_type: 'deployments',
      application: 'api',
      cluster_id: 'c-1',
      cluster_name: 'prod',
      cluster_ns: namespace,
      condition: '.*',
      container: '',
      created_at: '2026-01-01T00:00:00Z',
      creator_name: 'ops',
      enable: 'true',
      name,
      trigger_history: [],
      trigger_mode: 'cce',
      trigger_type: 'all',
    });
  }

  it('is changed when SWR shows it deploying inside the user’s deploy scopes', async () => {
    fault.reset();
    fault.queue({ kind: 'reply', status: 200, body: shown('deploy', 'payments-apps') });
    fault.queue({ kind: 'reply', status: 201, body: '' });
    const reply = await paula.request('PATCH', TRIGGER, { json: { enable: 'false' } });
    expect(reply.status, reply.text).toBe(201);
    expect(fault.requests.map((request) => request.method)).toEqual(['GET', 'PATCH']);
    // The read is a call of its own at SWR, with its own request id.
    const [read, change] = fault.requests;
    expect(read?.headers['x-request-id']).not.toBe(change?.headers['x-request-id']);
  });

  it('is not taken for another that SWR shows under a name differing in case', async () => {
    fault.reset();
    fault.queue({ kind: 'reply', status: 200, body: shown('Deploy', 'payments-apps') });
    const reply = await paula.request('PATCH', TRIGGER, { json: { enable: 'false' } });
    expect(reply.status, reply.text).toBe(502);
    expect(reply.json).toMatchObject({ code: 'upstream_invalid_response' });
    expect(fault.requests.map((request) => request.method)).toEqual(['GET']);
  });

  it('is refused, nothing changed, when SWR shows it deploying elsewhere', async () => {
    fault.reset();
    fault.queue({ kind: 'reply', status: 200, body: shown('deploy', 'team-b') });
    const reply = await paula.request('PATCH', TRIGGER, { json: { enable: 'false' } });
    expect(reply.status, reply.text).toBe(403);
    expect(fault.requests.map((request) => request.method)).toEqual(['GET']);
  });
});
