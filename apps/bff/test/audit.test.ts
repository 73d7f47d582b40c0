/**
 * The audit trail's guarantees (docs/security.md case 20) and the admin APIs over it and over
 * sessions (B5; case 18): admins list, filter, page and export the trail; nobody else can; a
 * scripted session leaves exactly one record per event; values cannot forge JSONL lines; with
 * the sink unwritable no change goes upstream; the table refuses rewrites; an admin ends a
 * user's sessions everywhere.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCsv, csvCell, CSV_COLUMNS } from '../src/api/audit';
import type { AuditRecord } from '../src/audit/trail';
import { DEMO_ISSUER } from '../src/auth/demo';
import { DEMO_USERS } from '../src/config/load';
import { AppError } from '../src/http/errors';
import { hashId } from '../src/store/session-store';
import { startStack, type Browser, type Reply, type Stack } from './support/stack';
import { sqliteDb } from './support/sqlite';

const SWR = '/api/swr/cn-north-4/v2/manage';
const OTTO_KEY = `${DEMO_ISSUER}|otto-operator`;
const FORMULA_NAME = '=HYPERLINK("http://evil.example","open"),x';
const FORGED = '\n{"event":"forged"}\u001b[31mred\u001b[0m\r';

const tmpDirs: string[] = [];
afterAll(() => {
  for (const dir of tmpDirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'swr-audit-test-'));
  tmpDirs.push(dir);
  return dir;
}

/** A BFF configuration file adding demo users to the usual four. */
function configWithUsers(users: { id: string; name: string; groups: string[] }[]): string {
  const path = join(tempDir(), 'bff.json');
  const extra = users.map((user) => ({ ...user, email: `${user.id}@demo.example` }));
  writeFileSync(path, JSON.stringify({ auth: { mode: 'demo', users: [...DEMO_USERS, ...extra] } }));
  return path;
}

async function signedIn(stack: Stack, user: string): Promise<Browser> {
  const browser = stack.browser();
  await browser.signInDemo(user);
  return browser;
}

/** The chunks of an export, as one text. */
async function joined(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}

async function allRecords(stack: Stack): Promise<AuditRecord[]> {
  return (await stack.bff.audit.query({ limit: 500, offset: 0 })).items.reverse();
}

function requestIdOf(reply: Pick<Reply, 'headers'>): string {
  const id = reply.headers.get('x-request-id');
  if (id === null) throw new Error('no X-Request-Id on the answer');
  return id;
}

/** A GET with a raw path: `fetch` would normalize `%2e%2e` before sending it. */
function rawGet(
  stack: Stack,
  browser: Browser,
  path: string,
): Promise<{ status: number; headers: Headers }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: new URL(stack.origin).port,
        path,
        headers: { 'X-CSRF': '1', Cookie: browser.cookieHeader() },
      },
      (res) => {
        res.resume();
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (typeof value === 'string') headers.set(name, value);
        }
        resolve({ status: res.statusCode ?? 0, headers });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** RFC 4180 parsing, to read back what the export wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charAt(i);
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        cell += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else {
      cell += char;
    }
  }
  expect(row).toEqual([]);
  expect(cell).toBe('');
  return rows;
}

interface Page {
  items: AuditRecord[];
  total: number;
  offset: number;
  limit: number;
}

describe('GET /api/audit and /api/audit.csv', () => {
  let stack: Stack;
  let admin: Browser;
  let otto: Browser;
  let vera: Browser;

  beforeAll(async () => {
    stack = await startStack({
      env: {
        BFF_CONFIG_FILE: configWithUsers([
          { id: 'mallory', name: FORMULA_NAME, groups: ['swr-viewers'] },
        ]),
      },
    });
    admin = await signedIn(stack, 'ada-admin');
    otto = await signedIn(stack, 'otto-operator');
    vera = await signedIn(stack, 'vera-viewer');
    await signedIn(stack, 'mallory');
    for (const [namespace, repository] of [
      ['platform', 'audit-list-a'],
      ['payments', 'audit-list-b'],
    ] as const) {
      const created = await otto.request('POST', `${SWR}/namespaces/${namespace}/repos`, {
        json: { repository, is_public: false },
      });
      expect(created.status).toBe(201);
    }
    const denied = await otto.request('POST', `${SWR}/namespaces`, {
      json: { namespace: 'not-yours' },
    });
    expect(denied.status).toBe(403);
    // A sync from payments into another organization of another region: both are its targets.
    const synced = await otto.request(
      'POST',
      `${SWR}/namespaces/payments/repos/payment-gateway/sync_images`,
      {
        json: {
          imageTag: ['latest'],
          remoteNamespace: 'platform',
          remoteRegionId: 'cn-east-3',
          override: false,
        },
      },
    );
    expect(synced.status, synced.text).toBe(200);
  });
  afterAll(async () => {
    await stack.close();
  });

  const list = async (query: string): Promise<Page> => {
    const reply = await admin.get(`/api/audit${query}`);
    expect(reply.status, reply.text).toBe(200);
    return reply.json as Page;
  };

  it('lists newest first for admins, with the total and the paging it used', async () => {
    const page = await list('');
    expect(page).toMatchObject({ offset: 0, limit: 50 });
    expect(page.total).toBe((await allRecords(stack)).length);
    const ids = page.items.map((item) => item.id);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(page.items.map((item) => item.event)).toEqual(
      expect.arrayContaining(['login.success', 'swr.createRepo', 'authz.denied']),
    );
  });

  it('filters by user (the identity key, never the name), action, organization and outcome, exactly', async () => {
    const byOtto = await list(`?user=${encodeURIComponent(OTTO_KEY)}`);
    expect(byOtto.total).toBeGreaterThanOrEqual(5);
    expect(byOtto.items.every((item) => item.actor?.key === OTTO_KEY)).toBe(true);
    // A display name is not a key: names change, and two people can share one.
    expect((await list('?user=Otto%20Operator')).total).toBe(0);
    expect((await list('?user=Otto')).total).toBe(0);

    const creates = await list('?action=swr.createRepo');
    expect(creates.items.map((item) => item.resource?.namespace).sort()).toEqual([
      'payments',
      'platform',
    ]);
    const inPayments = await list('?action=swr.createRepo&namespace=payments');
    expect(inPayments.total).toBe(1);
    expect(inPayments.items[0]?.request.body).toEqual({
      repository: 'audit-list-b',
      is_public: false,
    });

    const denied = await list(`?outcome=denied&user=${encodeURIComponent(OTTO_KEY)}`);
    expect(denied.items.map((item) => item.event)).toEqual(['authz.denied']);
    const mallory = await list(`?user=${encodeURIComponent(`${DEMO_ISSUER}|mallory`)}`);
    expect(mallory.items.map((item) => item.event)).toEqual(['login.success']);
  });

  it('finds a change by every organization it names, not only its resource', async () => {
    const sync = await list('?action=swr.createManualImageSyncRepo&namespace=platform');
    expect(sync.total).toBe(1);
    expect(sync.items[0]).toMatchObject({
      resource: { namespace: 'payments', name: 'payment-gateway' },
      targets: [
        { kind: 'namespace', name: 'payments', field: 'params.namespace', region: 'cn-north-4' },
        {
          kind: 'namespace',
          name: 'platform',
          field: 'body.remoteNamespace',
          region: 'cn-east-3',
        },
        { kind: 'region', name: 'cn-east-3', field: 'body.remoteRegionId' },
      ],
    });
    expect((await list('?action=swr.createManualImageSyncRepo&namespace=payments')).total).toBe(1);
    // The refused organization is a target too: the attempt is found under its name.
    const refused = await list('?namespace=not-yours');
    expect(refused.items.map((item) => item.event)).toEqual(['authz.denied']);
  });

  it('lists the people in the trail by identity key, with their latest name (admins only)', async () => {
    const reply = await admin.get('/api/audit/actors');
    expect(reply.status).toBe(200);
    const { actors } = reply.json as { actors: { key: string; name: string }[] };
    expect(actors).toEqual(
      expect.arrayContaining([
        { key: OTTO_KEY, name: 'Otto Operator' },
        { key: `${DEMO_ISSUER}|mallory`, name: FORMULA_NAME },
      ]),
    );
    expect(new Set(actors.map((actor) => actor.key)).size).toBe(actors.length);
    expect((await vera.get('/api/audit/actors')).status).toBe(403);
  });

  it('filters by time: from is inclusive, to exclusive, any offset, dates allowed', async () => {
    const all = await list('?limit=500');
    const middle = all.items[Math.floor(all.items.length / 2)];
    if (middle === undefined) throw new Error('no records');
    const at = middle.ts;
    const since = await list(`?limit=500&from=${at}`);
    const before = await list(`?limit=500&to=${at}`);
    expect(since.items.every((item) => item.ts >= at)).toBe(true);
    expect(before.items.every((item) => item.ts < at)).toBe(true);
    expect(since.total + before.total).toBe(all.total);
    expect(since.items.map((item) => item.id)).toContain(middle.id);

    // The same instant written in UTC+8, and without milliseconds, selects the same records.
    const plus8 = new Date(Date.parse(at) + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
    expect((await list(`?limit=500&from=${encodeURIComponent(plus8)}`)).total).toBe(since.total);
    const second = at.slice(0, 19);
    const fromSecond = await list(`?limit=500&from=${second}Z`);
    expect(fromSecond.items.every((item) => item.ts >= `${second}.000Z`)).toBe(true);
    expect(fromSecond.total).toBeGreaterThanOrEqual(since.total);

    expect((await list('?from=2000-01-01&to=2100-01-01')).total).toBe(all.total);
    expect((await list('?to=2000-01-01')).total).toBe(0);
  });

  it('pages with limit and offset over a stable total', async () => {
    const first4 = await list('?limit=4');
    const page1 = await list('?limit=2&offset=0');
    const page2 = await list('?limit=2&offset=2');
    expect(page2).toMatchObject({ offset: 2, limit: 2, total: first4.total });
    expect([...page1.items, ...page2.items].map((item) => item.id)).toEqual(
      first4.items.map((item) => item.id),
    );
    const beyond = await list(`?offset=${first4.total}`);
    expect(beyond.items).toEqual([]);
    expect((await list('?limit=500')).items).toHaveLength(Math.min(500, first4.total));
  });

  it.each([
    ['limit=0', 'query.limit'],
    ['limit=501', 'query.limit'],
    ['limit=ten', 'query.limit'],
    ['offset=-1', 'query.offset'],
    ['outcome=maybe', 'query.outcome'],
    ['from=yesterday', 'query.from'],
    ['from=2026-13-01', 'query.from'],
    ['from=2026-01-15T08:30:00', 'query.from'],
    ['user=', 'query.user'],
    ['user=a&user=b', 'query.user'],
    ['sort=ts', 'query'],
    ['from=2026-02-01&to=2026-01-01', 'query.to'],
  ])('refuses ?%s with 400 invalid_parameter and the issue, audited', async (query, path) => {
    const reply = await admin.get(`/api/audit?${query}`);
    expect(reply.status).toBe(400);
    const body = reply.json as { code: string; issues: { path: string; message: string }[] };
    expect(body.code).toBe('invalid_parameter');
    expect(body.issues[0]?.path).toBe(path);
    const record = (await allRecords(stack)).find((item) => item.request.id === requestIdOf(reply));
    expect(record).toMatchObject({
      event: 'input.rejected',
      outcome: 'denied',
      httpStatus: 400,
      request: { route: '/api/audit' },
      actor: { sub: 'ada-admin' },
    });
  });

  it('refuses operators and viewers with 403, and audits each refusal', async () => {
    const attempts: [Browser, string, string, string][] = [
      [otto, 'GET', '/api/audit', '/api/audit'],
      [otto, 'GET', '/api/audit.csv', '/api/audit.csv'],
      [vera, 'GET', '/api/audit?limit=5', '/api/audit'],
      [vera, 'GET', '/api/sessions', '/api/sessions'],
      [otto, 'DELETE', `/api/sessions?user=${encodeURIComponent(OTTO_KEY)}`, '/api/sessions'],
    ];
    for (const [browser, method, path, route] of attempts) {
      const reply = await browser.request(method, path);
      expect(reply.status, `${method} ${path}`).toBe(403);
      expect(reply.json).toMatchObject({ code: 'forbidden', reason: 'role' });
      expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
      const records = (await allRecords(stack)).filter((r) => r.request.id === requestIdOf(reply));
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({
        event: 'authz.denied',
        outcome: 'denied',
        httpStatus: 403,
        request: { method, route },
      });
      expect(['operator', 'viewer']).toContain(records[0]?.actor?.role);
    }
    expect((await otto.get('/api/me')).status).toBe(200);
  });

  it('exports CSV with the filters: headers, columns, one row per record, oldest first', async () => {
    const from = '2000-01-01T00:00:00.000Z';
    const to = new Date(Date.now() + 60_000).toISOString();
    const reply = await admin.get(`/api/audit.csv?from=${from}&to=${to}`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(reply.headers.get('cache-control')).toBe('no-store');
    const compact = (iso: string) => `${iso.slice(0, 19).replace(/[-:]/g, '')}Z`;
    expect(reply.headers.get('content-disposition')).toBe(
      `attachment; filename="swr-audit-${compact(from)}-${compact(to)}.csv"`,
    );
    const [header, ...rows] = parseCsv(reply.text);
    expect(header).toEqual([...CSV_COLUMNS]);
    const records = (await allRecords(stack)).filter((record) => record.ts < to);
    expect(rows.map((row) => row[0])).toEqual(records.map((record) => record.id));

    const created = records.find(
      (record) => record.event === 'swr.createRepo' && record.resource?.namespace === 'payments',
    );
    if (created === undefined) throw new Error('no createRepo record');
    const row = rows.find((cells) => cells[0] === created.id);
    expect(Object.fromEntries(CSV_COLUMNS.map((column, i) => [column, row?.[i]]))).toEqual({
      id: created.id,
      ts: created.ts,
      event: 'swr.createRepo',
      outcome: 'success',
      actor: 'Otto Operator',
      actorKey: OTTO_KEY,
      role: 'operator',
      authMode: 'demo',
      ip: created.source.ip,
      method: 'POST',
      route: '/api/swr/:region/v2/manage/namespaces/{namespace}/repos',
      region: 'cn-north-4',
      namespace: 'payments',
      repository: 'audit-list-b',
      tag: '',
      targets: 'namespace:payments@cn-north-4',
      body: '{"repository":"audit-list-b","is_public":false}',
      httpStatus: '201',
      upstreamStatus: '201',
      upstreamCode: '',
      upstreamRequestId: created.upstream?.requestId,
      requestId: created.request.id,
      clientRequestId: '',
      count: '1',
      reason: '',
    });
  });

  it('neutralizes spreadsheet formulas and quotes cells in the export', async () => {
    const reply = await admin.get(
      `/api/audit.csv?user=${encodeURIComponent(`${DEMO_ISSUER}|mallory`)}`,
    );
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-disposition')).toMatch(
      /^attachment; filename="swr-audit-start-\d{8}T\d{6}Z\.csv"$/,
    );
    // The name is quoted (it holds quotes and a comma) and starts with ' inside the quotes.
    expect(reply.text).toContain(`"'=HYPERLINK(""http://evil.example"",""open""),x"`);
    const [, ...rows] = parseCsv(reply.text);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.[CSV_COLUMNS.indexOf('actor')]).toBe(`'${FORMULA_NAME}`);
    expect(rows[0]?.[CSV_COLUMNS.indexOf('event')]).toBe('login.success');
  });

  it('csvCell prefixes every formula trigger and quotes separators', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\r=x')).toBe(`"'\r=x"`);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(204)).toBe('204');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('builds the export in batches and refuses one past the cap', async () => {
    const total = await stack.bff.audit.count({});
    const text = await joined(await auditCsv(stack.bff.audit, {}, { batchSize: 3 }));
    const [, ...rows] = parseCsv(text);
    expect(rows.map((row) => row[0])).toEqual((await allRecords(stack)).map((record) => record.id));
    expect(rows).toHaveLength(total);
    await expect(auditCsv(stack.bff.audit, {}, { maxRows: total - 1 })).rejects.toThrow(AppError);
    expect(await joined(await auditCsv(stack.bff.audit, {}, { maxRows: total }))).toBe(text);
  });

  it('refuses bad export filters with 400, and paging parameters too', async () => {
    for (const query of ['limit=10', 'from=soon', 'outcome=fine']) {
      const reply = await admin.get(`/api/audit.csv?${query}`);
      expect(reply.status, query).toBe(400);
      expect(reply.json).toMatchObject({ code: 'invalid_parameter' });
    }
  });
});

describe('case 20: a scripted session leaves exactly one record per event', () => {
  let stack: Stack;
  let failing: Server;
  const failingRequests: string[] = [];

  beforeAll(async () => {
    // A region whose SWR answers 500: the network edge, not our modules, misbehaves.
    failing = createServer((req, res) => {
      failingRequests.push(`${req.method ?? '?'} ${req.url ?? ''}`);
      req.resume();
      req.on('end', () => {
        res.writeHead(500, {
          'Content-Type': 'application/json',
          'X-Request-Id': `swr-500-${failingRequests.length}`,
        });
        res.end(
          JSON.stringify({ errorCode: 'SVCSTG.SWR.5000001', errorMessage: 'Internal error' }),
        );
      });
    });
    await new Promise<void>((resolve) => {
      failing.listen(0, '127.0.0.1', resolve);
    });
    const port = (failing.address() as AddressInfo).port;
    stack = await startStack({
      env: { AUDIT_READS: 'true', SWR_ENDPOINT_AP_SOUTHEAST_3: `http://127.0.0.1:${port}` },
    });
  });
  afterAll(async () => {
    await stack.close();
    await new Promise<void>((resolve) => {
      failing.close(() => {
        resolve();
      });
    });
  });

  it('login, list, create repo, delete tag, 403, CSRF, traversal, upstream 500, logout', async () => {
    const admin = await signedIn(stack, 'ada-admin');
    const tags = await admin.get(
      `${SWR}/namespaces/platform/repos/ci$runner/tags?limit=1&offset=0`,
    );
    const tag = (tags.json as { Tag: string }[])[0]?.Tag;
    if (tag === undefined) throw new Error('the demo repository has no tags');
    const seen = new Set((await allRecords(stack)).map((record) => record.id));

    const otto = stack.browser();
    const steps: { reply: Pick<Reply, 'status' | 'headers'>; upstreamCalls: number }[] = [];
    const step = async (call: () => Promise<Pick<Reply, 'status' | 'headers'>>) => {
      const before = stack.upstreamLog.length + failingRequests.length;
      const reply = await call();
      steps.push({
        reply,
        upstreamCalls: stack.upstreamLog.length + failingRequests.length - before,
      });
      return reply;
    };
    await step(() => otto.signInDemo('otto-operator'));
    await step(() => otto.get(`${SWR}/namespaces`));
    await step(() =>
      otto.request('POST', `${SWR}/namespaces/platform/repos`, {
        json: { repository: 'audit-scripted', is_public: false },
      }),
    );
    await step(() =>
      otto.request('DELETE', `${SWR}/namespaces/platform/repos/ci$runner/tags/${tag}`),
    );
    await step(() =>
      otto.request('POST', `${SWR}/namespaces`, { json: { namespace: 'scripted-org' } }),
    );
    await step(() =>
      otto.request('POST', `${SWR}/namespaces/platform/repos`, {
        json: { repository: 'no-csrf', is_public: false },
        csrf: false,
      }),
    );
    await step(() => rawGet(stack, otto, `${SWR}/namespaces/%2e%2e/repos`));
    const failed = await step(() =>
      otto.request(
        'DELETE',
        `/api/swr/ap-southeast-3/v2/manage/namespaces/platform/repos/ci$runner/tags/${tag}`,
      ),
    );
    await step(() => otto.request('POST', '/auth/logout'));

    const expected = [
      { status: 200, calls: 0, event: 'login.success', outcome: 'success', upstream: null },
      { status: 200, calls: 1, event: 'swr.listNamespaces', outcome: 'success', upstream: 200 },
      { status: 201, calls: 1, event: 'swr.createRepo', outcome: 'success', upstream: 201 },
      { status: 204, calls: 1, event: 'swr.deleteRepoTag', outcome: 'success', upstream: 204 },
      { status: 403, calls: 0, event: 'authz.denied', outcome: 'denied', upstream: null },
      { status: 403, calls: 0, event: 'csrf.rejected', outcome: 'denied', upstream: null },
      { status: 400, calls: 0, event: 'input.rejected', outcome: 'denied', upstream: null },
      { status: 502, calls: 1, event: 'swr.deleteRepoTag', outcome: 'failure', upstream: 500 },
      { status: 200, calls: 0, event: 'logout', outcome: 'success', upstream: null },
    ];
    expect(steps.map((s) => [s.reply.status, s.upstreamCalls])).toEqual(
      expected.map((e) => [e.status, e.calls]),
    );

    const records = (await allRecords(stack)).filter((record) => !seen.has(record.id));
    // One record per event, in order, each tied to its request by the request id.
    expect(records.map((record) => record.request.id)).toEqual(
      steps.map((s) => requestIdOf(s.reply)),
    );
    for (const [i, record] of records.entries()) {
      const want = expected[i];
      const reply = steps[i]?.reply;
      if (want === undefined || reply === undefined) throw new Error('step mismatch');
      expect(record, want.event).toMatchObject({
        event: want.event,
        outcome: want.outcome,
        httpStatus: want.status,
        actor: {
          key: OTTO_KEY,
          iss: DEMO_ISSUER,
          sub: 'otto-operator',
          name: 'Otto Operator',
          role: 'operator',
          authMode: 'demo',
        },
      });
      expect(record.actor?.sessionRef).toMatch(/^[0-9a-f]{16}$/);
      expect(record.upstream?.status ?? null).toBe(want.upstream);
      if (want.upstream !== null && want.upstream < 300) {
        expect(record.upstream?.requestId).toBe(reply.headers.get('x-upstream-request-id'));
      }
    }
    const [, listed, created, deleted, denied, csrf, traversal, failure] = records;
    expect(listed?.resource).toMatchObject({ type: 'namespace' });
    // A creation names its new repository in the body; the record names it too.
    expect(created?.resource).toEqual({
      type: 'repository',
      namespace: 'platform',
      name: 'audit-scripted',
      tag: null,
    });
    expect(created?.request.body).toEqual({ repository: 'audit-scripted', is_public: false });
    expect(deleted?.resource).toEqual({
      type: 'tag',
      namespace: 'platform',
      name: 'ci/runner',
      tag,
    });
    expect(deleted?.upstream).toMatchObject({
      method: 'DELETE',
      path: `/v2/manage/namespaces/platform/repos/ci$runner/tags/${tag}`,
    });
    expect(denied?.reason).toMatch(/createNamespace needs the admin role/);
    expect(denied?.resource).toEqual({
      type: 'namespace',
      namespace: 'scripted-org',
      name: null,
      tag: null,
    });
    expect(denied?.request.route).toBe('/api/swr/:region/v2/manage/namespaces');
    expect(csrf?.reason).toBe('the X-CSRF: 1 header is missing');
    expect(traversal?.reason).toMatch(/encoded characters/);
    expect(failure?.resource).toEqual({
      type: 'tag',
      namespace: 'platform',
      name: 'ci/runner',
      tag,
    });
    expect(failure?.upstream).toMatchObject({
      status: 500,
      code: 'SVCSTG.SWR.5000001',
      requestId: 'swr-500-1',
    });
    expect(failure?.bff.region).toBe('ap-southeast-3');
    expect(failed.status).toBe(502);
    expect(failingRequests).toEqual([
      `DELETE /v2/manage/namespaces/platform/repos/ci$runner/tags/${tag}`,
    ]);
    // Nothing is left pending.
    expect(records.every((record) => record.outcome !== 'pending')).toBe(true);
  });

  it('the table refuses to rewrite a finalized record or delete any', async () => {
    const { audit } = stack.bff;
    const db = sqliteDb(stack.bff);
    const [record] = (await audit.query({ limit: 1, offset: 0, outcome: 'success' })).items;
    if (record === undefined) throw new Error('no record');
    const refused = /audit records are append-only/;
    expect(() =>
      db.prepare('UPDATE audit_events SET outcome = ? WHERE id = ?').run('failure', record.id),
    ).toThrow(refused);
    expect(() =>
      db.prepare('UPDATE audit_events SET record = ? WHERE id = ?').run('{}', record.id),
    ).toThrow(refused);
    expect(() =>
      db.prepare('UPDATE audit_events SET http_status = 200 WHERE outcome <> ?').run('pending'),
    ).toThrow(refused);
    expect(() => db.prepare('DELETE FROM audit_events WHERE id = ?').run(record.id)).toThrow(
      refused,
    );
    expect(() => db.prepare('DELETE FROM audit_events').run()).toThrow(refused);
    expect((await audit.query({ limit: 1, offset: 0, outcome: 'success' })).items[0]).toEqual(
      record,
    );

    // A pending record is finalized once, and its identity fields never change.
    const pending = await audit.open({
      event: 'test.pending',
      actor: null,
      source: { ip: undefined, userAgent: undefined },
      request: {
        id: 'req-pending',
        method: 'POST',
        route: '/test',
        params: {},
        query: {},
        body: null,
      },
      resource: null,
      upstream: null,
      httpStatus: null,
      reason: null,
    });
    expect(() =>
      db.prepare('UPDATE audit_events SET event = ? WHERE id = ?').run('other', pending.id),
    ).toThrow(refused);
    await audit.finalize(pending, {
      outcome: 'success',
      httpStatus: 200,
      upstream: null,
      reason: null,
    });
    expect(() =>
      db.prepare('UPDATE audit_events SET outcome = ? WHERE id = ?').run('pending', pending.id),
    ).toThrow(refused);
    expect(
      (await audit.query({ limit: 1, offset: 0, event: 'test.pending' })).items[0]?.outcome,
    ).toBe('success');
  });
});

describe('case 20: values cannot forge lines in the JSONL sink', () => {
  let stack: Stack;
  let sinkPath: string;

  beforeAll(async () => {
    sinkPath = join(tempDir(), 'audit.jsonl');
    stack = await startStack({
      env: {
        AUDIT_SINK: `file:${sinkPath}`,
        BFF_CONFIG_FILE: configWithUsers([
          { id: 'eve', name: `Eve${FORGED}`, groups: ['swr-operators'] },
        ]),
      },
    });
  });
  afterAll(async () => {
    await stack.close();
  });

  it('escapes newlines, quotes and ANSI escapes: one JSON line per record', async () => {
    const eve = await signedIn(stack, 'eve');
    const created = await eve.request('POST', `${SWR}/namespaces/platform/repos`, {
      json: { repository: 'forged-desc', is_public: false, description: `desc${FORGED}` },
    });
    expect(created.status).toBe(201);
    const forgedOrg = await eve.request('POST', `${SWR}/namespaces`, {
      json: { namespace: `org${FORGED}` },
    });
    expect(forgedOrg.status).toBe(400);
    expect((await eve.request('POST', '/auth/logout')).status).toBe(200);

    const text = readFileSync(sinkPath, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    // Every record the table holds as finished appears once, as one line.
    const finished = sqliteDb(stack.bff)
      .prepare("SELECT id FROM audit_events WHERE outcome <> 'pending' ORDER BY seq")
      .all() as { id: string }[];
    const parsed = lines.map((line) => JSON.parse(line) as AuditRecord);
    expect(parsed.map((record) => record.id)).toEqual(finished.map((row) => row.id));
    expect(parsed.map((record) => record.event)).toEqual([
      'login.success',
      'swr.createRepo',
      'input.rejected',
      'logout',
    ]);
    expect(parsed.some((record) => record.event === 'forged')).toBe(false);
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\r');
    expect(text).not.toMatch(/^\{"event":"forged"\}/m);
    expect(text).toContain(String.raw`Eve\n{\"event\":\"forged\"}\u001b[31mred\u001b[0m\r`);
    for (const record of parsed) {
      expect(record.actor?.name).toBe(`Eve${FORGED}`);
    }
    expect(parsed[1]?.request.body).toMatchObject({ description: `desc${FORGED}` });
    // SWR's grammar refuses such an organization name before it could reach a record.
    expect(JSON.stringify(parsed[2])).not.toContain('forged"}');
  });
});

describe('case 20: with the audit sink unwritable, changes fail closed', () => {
  let stack: Stack;
  let sinkPath: string;

  beforeAll(async () => {
    sinkPath = join(tempDir(), 'audit.jsonl');
    stack = await startStack({ env: { AUDIT_SINK: `file:${sinkPath}` } });
  });
  afterAll(async () => {
    await stack.close();
  });

  it('answers 503 audit_unavailable, sends nothing upstream, and still serves reads', async () => {
    const admin = await signedIn(stack, 'ada-admin');
    const otto = await signedIn(stack, 'otto-operator');
    const tags = await otto.get(`${SWR}/namespaces/platform/repos/ci$runner/tags?limit=1&offset=0`);
    const tag = (tags.json as { Tag: string }[])[0]?.Tag ?? 'latest';
    const recordsBefore = await stack.bff.audit.count({});

    // Root ignores file modes, so make the sink's path a directory: every append now fails.
    rmSync(sinkPath);
    mkdirSync(sinkPath);

    const upstreamBefore = stack.upstreamLog.length;
    const changes: [Browser, string, string, unknown][] = [
      [
        otto,
        'POST',
        `${SWR}/namespaces/platform/repos`,
        { repository: 'unaudited', is_public: false },
      ],
      [otto, 'DELETE', `${SWR}/namespaces/platform/repos/ci$runner/tags/${tag}`, undefined],
      [admin, 'POST', `${SWR}/namespaces`, { namespace: 'unaudited-org' }],
      [
        admin,
        'PATCH',
        `${SWR}/namespaces/platform/repos/ci$runner`,
        { is_public: true, description: 'unaudited' },
      ],
    ];
    for (const [browser, method, path, json] of changes) {
      const reply = await browser.request(method, path, json === undefined ? {} : { json });
      expect(reply.status, `${method} ${path}`).toBe(503);
      expect(reply.json).toMatchObject({ code: 'audit_unavailable' });
    }
    const ended = await admin.request(
      'DELETE',
      `/api/sessions?user=${encodeURIComponent(OTTO_KEY)}`,
    );
    expect(ended.status).toBe(503);
    expect(ended.json).toMatchObject({ code: 'audit_unavailable' });
    expect(stack.upstreamLog.slice(upstreamBefore)).toEqual([]);
    expect(await stack.bff.audit.count({})).toBe(recordsBefore);

    // Reads still work, and otto is still signed in.
    const listed = await otto.get(`${SWR}/namespaces`);
    expect(listed.status).toBe(200);
    expect(stack.upstreamLog.slice(upstreamBefore)).toHaveLength(1);
    expect((await admin.get('/api/audit?limit=1')).status).toBe(200);
    expect((await admin.get('/api/sessions')).status).toBe(200);
    const repo = await otto.get(`${SWR}/namespaces/platform/repos/ci$runner`);
    expect(repo.status).toBe(200);
    expect((repo.json as { is_public: boolean }).is_public).toBe(false);
  });
});

describe('case 18: an admin ends a user’s sessions', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.close();
  });

  function sessionIdOf(browser: Browser): string {
    const cookie = [...browser.cookies.values()][0] ?? '';
    const signed = decodeURIComponent(cookie);
    return signed.slice(2, signed.lastIndexOf('.'));
  }

  it('lists signed-in users without session ids, then ends both of a user’s browsers', async () => {
    const admin = await signedIn(stack, 'ada-admin');
    const ottoAtWork = await signedIn(stack, 'otto-operator');
    const ottoAtHome = await signedIn(stack, 'otto-operator');
    const vera = await signedIn(stack, 'vera-viewer');
    expect((await ottoAtHome.get('/api/me')).status).toBe(200);

    const listed = await admin.get('/api/sessions');
    expect(listed.status).toBe(200);
    const { users } = listed.json as {
      users: { key: string; name: string; role: string; sessions: number; lastSeen: string }[];
    };
    const byKey = new Map(users.map((user) => [user.key, user]));
    expect(byKey.get(OTTO_KEY)).toEqual({
      key: OTTO_KEY,
      name: 'Otto Operator',
      role: 'operator',
      sessions: 2,
      lastSeen: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as unknown,
    });
    expect(byKey.get(`${DEMO_ISSUER}|vera-viewer`)).toMatchObject({ sessions: 1, role: 'viewer' });
    expect(byKey.get(`${DEMO_ISSUER}|ada-admin`)).toMatchObject({ sessions: 1, role: 'admin' });
    for (const browser of [admin, ottoAtWork, ottoAtHome, vera]) {
      const sid = sessionIdOf(browser);
      expect(sid.length).toBeGreaterThan(20);
      expect(listed.text).not.toContain(sid);
      expect(listed.text).not.toContain(hashId(sid));
      expect(listed.text).not.toContain(hashId(sid).slice(0, 16));
    }

    // Not without the CSRF header, not without a user, not by an operator.
    const user = encodeURIComponent(OTTO_KEY);
    const noCsrf = await admin.request('DELETE', `/api/sessions?user=${user}`, { csrf: false });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.json).toMatchObject({ code: 'csrf' });
    const crossSite = await admin.request('DELETE', `/api/sessions?user=${user}`, {
      headers: { Origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    const noUser = await admin.request('DELETE', '/api/sessions');
    expect(noUser.status).toBe(400);
    expect(noUser.json).toMatchObject({
      code: 'invalid_parameter',
      issues: [{ path: 'query.user' }],
    });
    expect((await ottoAtWork.request('DELETE', `/api/sessions?user=${user}`)).status).toBe(403);
    expect((await ottoAtWork.get('/api/me')).status).toBe(200);

    const ended = await admin.request('DELETE', `/api/sessions?user=${user}`);
    expect(ended.status).toBe(200);
    expect(ended.json).toEqual({ ended: 2 });
    for (const browser of [ottoAtWork, ottoAtHome]) {
      const next = await browser.get('/api/me');
      expect(next.status).toBe(401);
      expect(next.json).toMatchObject({ code: 'unauthenticated' });
      expect((await browser.get(`${SWR}/namespaces`)).status).toBe(401);
    }
    expect((await vera.get('/api/me')).status).toBe(200);
    expect((await admin.get('/api/me')).status).toBe(200);

    const [record] = (
      await stack.bff.audit.query({
        limit: 1,
        offset: 0,
        event: 'session.terminated',
      })
    ).items;
    expect(record).toMatchObject({
      outcome: 'success',
      httpStatus: 200,
      actor: { sub: 'ada-admin', role: 'admin' },
      request: {
        id: requestIdOf(ended),
        method: 'DELETE',
        route: '/api/sessions',
        query: { user: OTTO_KEY },
      },
      resource: { type: 'session', name: OTTO_KEY },
      reason: 'ended 2 sessions',
    });

    const after = (await admin.get('/api/sessions')).json as { users: { key: string }[] };
    expect(after.users.map((u) => u.key).sort()).toEqual(
      [`${DEMO_ISSUER}|ada-admin`, `${DEMO_ISSUER}|vera-viewer`].sort(),
    );
    // Ending an unknown user's sessions ends none.
    expect((await admin.request('DELETE', '/api/sessions?user=nobody')).json).toEqual({ ended: 0 });
  });

  it('an admin ending their own sessions is signed out too', async () => {
    const admin = await signedIn(stack, 'ada-admin');
    const other = await signedIn(stack, 'ada-admin');
    const ended = await admin.request(
      'DELETE',
      `/api/sessions?user=${encodeURIComponent(`${DEMO_ISSUER}|ada-admin`)}`,
    );
    expect(ended.status).toBe(200);
    expect((ended.json as { ended: number }).ended).toBeGreaterThanOrEqual(2);
    expect((await admin.get('/api/me')).status).toBe(401);
    expect((await other.get('/api/me')).status).toBe(401);
  });
});
