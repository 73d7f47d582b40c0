/**
 * The statements a request runs are prepared once, when the BFF starts, not on every call: the
 * session store's (read, save, end) and the audit trail's (open, finalize, record).
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { sqliteDb } from './support/sqlite';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack.close();
});

it('signs in, reads, changes and signs out without preparing a statement', async () => {
  const prepare = vi.spyOn(sqliteDb(stack.bff), 'prepare');
  const browser = stack.browser();
  await browser.signInDemo('ada-admin');
  expect((await browser.get('/api/swr/cn-north-4/v2/manage/namespaces')).status).toBe(200);
  const created = await browser.request('POST', '/api/swr/cn-north-4/v2/manage/namespaces', {
    json: { namespace: 'prepared-once' },
  });
  expect(created.status).toBe(201);
  // Refused by SWR: a change audited as a failure.
  const taken = await browser.request('POST', '/api/swr/cn-north-4/v2/manage/namespaces', {
    json: { namespace: 'prepared-once' },
  });
  expect(taken.status).toBe(409);
  expect((await browser.request('POST', '/auth/logout')).status).toBe(200);
  expect(prepare).not.toHaveBeenCalled();
  const events = (await stack.bff.audit.query({ limit: 10, offset: 0 })).items.map((r) => r.event);
  expect(events).toEqual(expect.arrayContaining(['login.success', 'swr.createNamespace']));
});
