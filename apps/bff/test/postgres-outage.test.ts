/**
 * A BFF on PostgreSQL (`DATABASE_URL`) whose database goes away and comes back (docs/security.md
 * B10, "When a write fails"): a change answers 503 `audit_unavailable` and nothing reaches SWR; a
 * read that writes no audit record still works; `/readyz` says the database is failing, naming
 * the engine and never the URL; once PostgreSQL is back the same BFF works again, no restart.
 *
 * Header sign-in: the identity comes with each request, so no session is read from the database.
 * In the other modes the sessions live in PostgreSQL too: while it is down a signed-in request
 * gets 503 `store_unavailable` (never a 500), and the sessions are there again once it is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleKeyEnv, emulatorWithConsoleKey } from '@swr-dashboard/test-support';
import { startPostgres, type TestPostgres } from '@swr-dashboard/test-support';
import { rawRequest } from './support/raw-http';
import { startStack, type Stack } from './support/stack';

const NAMESPACES = '/api/swr/cn-north-4/v2/manage/namespaces';
const ADMIN = {
  'X-Forwarded-User': 'root',
  'X-Forwarded-Email': 'root@corp.example',
  'X-Forwarded-Groups': 'swr-admins',
};

describe('a BFF whose PostgreSQL stops and starts again', () => {
  let postgres: TestPostgres;
  let stack: Stack;
  beforeAll(async () => {
    postgres = await startPostgres();
    stack = await startStack({
      env: {
        DATABASE_URL: postgres.url,
        AUTH_MODE: 'header',
        TRUSTED_PROXY_CIDRS: '127.0.0.1/32,::1/128',
        ROLE_ADMIN_GROUPS: 'swr-admins',
        SESSION_SECRETS: 'postgres-outage-test-session-secret-0123456789',
        ...consoleKeyEnv,
      },
      emulator: emulatorWithConsoleKey(),
    });
  });
  afterAll(async () => {
    await stack.close();
    await postgres.stop();
  });

  const create = (namespace: string) =>
    stack.browser().request('POST', NAMESPACES, { json: { namespace }, headers: ADMIN });
  /** The emulator's log lines for calls that create an organization. */
  const creations = () =>
    stack.upstreamLog.filter((line) => line.includes(' POST /v2/manage/namespaces'));
  const readyz = () => rawRequest(stack.origin, { path: '/readyz' });

  it('reports the database by engine in /readyz, never by its URL', async () => {
    const reply = await readyz();
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ database: 'ok', databaseEngine: 'postgres' });
    expect(reply.text).not.toContain(new URL(postgres.url).password);
    expect(reply.text).not.toContain(new URL(postgres.url).host);
  });

  it('refuses changes with 503 audit_unavailable while it is down, serves reads, and recovers', async () => {
    expect((await create('before-outage')).status).toBe(201);
    await postgres.halt();

    const sentBefore = creations().length;
    const refused = await create('during-outage');
    expect(refused.status).toBe(503);
    expect(refused.json).toMatchObject({ code: 'audit_unavailable' });
    expect(creations()).toHaveLength(sentBefore);

    // A read records nothing (AUDIT_READS is off): it goes to SWR as usual.
    const read = await stack.browser().get(NAMESPACES, { headers: ADMIN });
    expect(read.status).toBe(200);
    const down = await readyz();
    expect(down.status).toBe(503);
    expect(down.json).toMatchObject({
      database: 'failing',
      databaseEngine: 'postgres',
    });
    expect(stack.logLines.join('\n')).not.toContain(new URL(postgres.url).password);

    await postgres.restart();
    expect((await create('after-outage')).status).toBe(201);
    expect((await readyz()).status).toBe(200);
    const recorded = (
      await stack.bff.audit.query({ event: 'swr.createNamespace', limit: 10, offset: 0 })
    ).items.map((record) => [record.resource?.namespace, record.outcome]);
    expect(recorded).toEqual([
      ['after-outage', 'success'],
      ['before-outage', 'success'],
    ]);
  });
});

describe('a signed-in session while PostgreSQL is down', () => {
  let postgres: TestPostgres;
  let stack: Stack;
  beforeAll(async () => {
    postgres = await startPostgres();
    stack = await startStack({ env: { DATABASE_URL: postgres.url } });
  });
  afterAll(async () => {
    await stack.close();
    await postgres.stop();
  });

  it('answers 503 store_unavailable (not a 500) while the sessions cannot be read, and keeps them', async () => {
    const browser = stack.browser();
    await browser.signInDemo('ada-admin');
    expect((await browser.get('/api/me')).status).toBe(200);

    await postgres.halt();
    const refused = await browser.get('/api/me');
    expect(refused.status).toBe(503);
    expect(refused.json).toMatchObject({ code: 'store_unavailable' });
    expect(refused.headers.get('retry-after')).toBe('5');

    await postgres.restart();
    expect((await browser.get('/api/me')).status).toBe(200);
  });
});
