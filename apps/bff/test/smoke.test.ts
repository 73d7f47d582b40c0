import { afterAll, beforeAll, expect, it } from 'vitest';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack.close();
});

it('signs in a demo admin, lists and creates organizations through the proxy, and audits', async () => {
  const browser = stack.browser();
  expect((await browser.get('/api/me')).status).toBe(401);
  await browser.signInDemo('ada-admin');
  const me = await browser.get('/api/me');
  expect(me.status).toBe(200);
  expect(me.json).toMatchObject({ user: { name: 'Ada Admin', role: 'admin', authMode: 'demo' } });
  const list = await browser.get('/api/swr/cn-north-4/v2/manage/namespaces');
  expect(list.status).toBe(200);
  expect((list.json as { namespaces: { name: string }[] }).namespaces.map((n) => n.name)).toContain(
    'payments',
  );
  const created = await browser.request('POST', '/api/swr/cn-north-4/v2/manage/namespaces', {
    json: { namespace: 'from-bff' },
  });
  expect(created.status).toBe(201);
  const taken = await browser.request('POST', '/api/swr/cn-north-4/v2/manage/namespaces', {
    json: { namespace: 'from-bff' },
  });
  expect(taken.status).toBe(409);
  expect(taken.json).toMatchObject({
    code: 'upstream_rejected',
    upstream: { status: 409, code: 'SVCSTG.SWR.4090060' },
  });
  const tags = await browser.get(
    '/api/swr/cn-north-4/v2/manage/namespaces/platform/repos/ci$runner/tags?limit=5&offset=0',
  );
  expect(tags.status).toBe(200);
  expect(tags.headers.get('content-range')).toMatch(/^0-5\/\d+$/);
  const records = (await stack.bff.audit.query({ limit: 10, offset: 0 })).items;
  expect(records.map((r) => [r.event, r.outcome])).toEqual(
    expect.arrayContaining([
      ['swr.createNamespace', 'success'],
      ['swr.createNamespace', 'failure'],
      ['login.success', 'success'],
    ]),
  );
});
