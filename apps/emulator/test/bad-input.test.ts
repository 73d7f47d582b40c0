/**
 * The bad-input guarantee: every invalid name, enum, type, missing field, malformed JSON or
 * oversize body gets SWR's 4xx with the right error code, and never a 5xx.
 *
 * 1. A fast-check property throws generated bad input at all 44 operations, correctly signed with
 *    exact wire bytes so it reaches routing and validation, and judges every answer against the
 *    contract's schemas (see support/bad-input-oracle.ts).
 * 2. A table of exact codes, one row per kind of bad input the issue names.
 * 3. After the property run the emulator still serves, and no 5xx was ever seen.
 *
 * Replay a failing property with `BAD_INPUT_SEED=<seed>` (fast-check prints the seed); fuzz
 * harder with `BAD_INPUT_RUNS=<runs per operation>` (default 50, plus 16× that interleaved).
 */
import {
  APIG_SIGNATURE_ERROR,
  formatQueryString,
  operationNames,
  signRequest,
  type OperationName,
  type QueryPairs,
  type SigningCredentials,
} from '@swr-dashboard/swr-client';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  badInputCase,
  describeCase,
  toWireRequest,
  type BadInputCase,
} from './support/bad-input-cases';
import {
  CODES,
  expectationFor,
  problemsWith,
  statusOfCode,
  swrErrorCode,
} from './support/bad-input-oracle';
import { MAIN, startTestEmulator, type RawRequest, type TestEmulator } from './support/emulator';
import { createWireClient, type WireClient } from './support/wire-client';

/** `BAD_INPUT_RUNS=500` fuzzes ten times harder; `BAD_INPUT_SEED` replays a failure. */
const RUNS_PER_OPERATION = Number(process.env.BAD_INPUT_RUNS ?? 50);
const INTERLEAVED_RUNS = 16 * RUNS_PER_OPERATION;
const seedFromEnv = process.env.BAD_INPUT_SEED;
const fcOptions = seedFromEnv === undefined ? {} : { seed: Number(seedFromEnv) };

const NS = '/v2/manage/namespaces';
const REPO = `${NS}/platform/repos/nginx`;
const MIB = 1024 * 1024;

describe('generated bad input at all 44 operations', () => {
  let env: TestEmulator;
  let wire: WireClient;
  const statuses = new Map<number, number>();
  const serverErrors: string[] = [];
  const successes = new Set<OperationName>();
  let requests = 0;
  const consoleError = vi.spyOn(console, 'error');

  beforeAll(async () => {
    env = await startTestEmulator({ seed: 'demo' });
    wire = createWireClient(env.url(MAIN), env.credentials(MAIN));
  });

  afterAll(async () => {
    wire.close();
    await env.close();
    consoleError.mockRestore();
  });

  async function check(input: BadInputCase): Promise<void> {
    const expected = expectationFor(input);
    const response = await wire.send(toWireRequest(input));
    requests += 1;
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    if (response.status >= 500) serverErrors.push(describeCase(input));
    if (response.status < 300 && expected.kind === 'valid') successes.add(expected.operation);
    const problems = problemsWith(expected, response);
    if (problems.length > 0) {
      throw new Error(
        `${problems.join('; ')}\n  ${describeCase(input)}\n  answer: ${response.status} ${response.text.slice(0, 400)}`,
      );
    }
  }

  it.each(operationNames)('%s: bad input gets the SWR 4xx with its code', async (name) => {
    await fc.assert(fc.asyncProperty(badInputCase(name), check), {
      numRuns: RUNS_PER_OPERATION,
      ...fcOptions,
    });
  });

  it('all operations interleaved: bad input gets the SWR 4xx with its code', async () => {
    const anyOperation = fc.constantFrom(...operationNames).chain((name) => badInputCase(name));
    await fc.assert(fc.asyncProperty(anyOperation, check), {
      numRuns: INTERLEAVED_RUNS,
      ...fcOptions,
    });
  });

  it('still serves afterwards, and never answered with a 5xx', async () => {
    const list = await env.raw(MAIN, { method: 'GET', path: NS });
    expect(list.status).toBe(200);
    expect(list.json).toMatchObject({ namespaces: expect.any(Array) as unknown });
    const viaClient = await env.client().listNamespaces();
    expect(viaClient.namespaces.length).toBeGreaterThan(0);

    expect(requests).toBeGreaterThanOrEqual(
      operationNames.length * RUNS_PER_OPERATION + INTERLEAVED_RUNS,
    );
    expect(serverErrors).toEqual([]);
    expect([...statuses.keys()].filter((status) => status >= 500)).toEqual([]);
    // The emulator logs every unexpected error on its way to a 500.
    expect(consoleError).not.toHaveBeenCalled();
    // The generated input did reach validation (most of it is refused with a 400), and enough
    // of it was valid to run the handlers of many operations too.
    expect(statuses.get(400) ?? 0).toBeGreaterThan(requests / 4);
    expect(successes.size).toBeGreaterThanOrEqual(10);
    const histogram = [...statuses.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${status}×${count}`)
      .join(' ');
    console.info(
      `bad-input property: ${requests} requests (${histogram}); 2xx reached for ${successes.size}/44 operations`,
    );
  });
});

interface Row {
  name: string;
  request: RawRequest;
  status: number;
  code: string;
}

const json = (method: string, path: string, body: unknown, query?: QueryPairs): RawRequest => ({
  method,
  path,
  json: body,
  ...(query === undefined ? {} : { query }),
});
const get = (path: string, query?: QueryPairs): RawRequest => ({
  method: 'GET',
  path,
  ...(query === undefined ? {} : { query }),
});

const ROWS: Row[] = [
  // Organization names
  {
    name: 'createNamespace: uppercase organization name in the body',
    request: json('POST', NS, { namespace: 'Bad_Org' }),
    status: 400,
    code: CODES.invalidNamespaceInBody,
  },
  {
    name: 'createNamespace: organization name with adjacent separators in the body',
    request: json('POST', NS, { namespace: 'a._b' }),
    status: 400,
    code: CODES.invalidNamespaceInBody,
  },
  {
    name: 'createNamespace: organization name starting with a digit in the body',
    request: json('POST', NS, { namespace: '1team' }),
    status: 400,
    code: CODES.invalidNamespaceInBody,
  },
  {
    name: 'createNamespace: 65-character organization name in the body',
    request: json('POST', NS, { namespace: 'a'.repeat(65) }),
    status: 400,
    code: CODES.invalidNamespaceInBody,
  },
  {
    name: 'createNamespace: organization name of the wrong type in the body',
    request: json('POST', NS, { namespace: 42 }),
    status: 400,
    code: CODES.invalidNamespaceInBody,
  },
  {
    name: 'showNamespace: uppercase organization name in the path',
    request: get(`${NS}/Bad_Org`),
    status: 400,
    code: CODES.invalidNamespaceInPath,
  },
  {
    name: 'deleteNamespaces: organization name with ".." in the path',
    request: { method: 'DELETE', path: `${NS}/a..b` },
    status: 400,
    code: CODES.invalidNamespaceInPath,
  },
  {
    name: 'createRepo: invalid organization in the path wins over a valid body',
    request: json('POST', `${NS}/-ops/repos`, { repository: 'web', is_public: false }),
    status: 400,
    code: CODES.invalidNamespaceInPath,
  },
  // Repository names
  {
    name: 'createRepo: uppercase repository name in the body',
    request: json('POST', `${NS}/platform/repos`, { repository: 'Web/App', is_public: false }),
    status: 400,
    code: CODES.invalidRepositoryInBody,
  },
  {
    name: 'createRepo: repository name with "//" in the body',
    request: json('POST', `${NS}/platform/repos`, { repository: 'web//app', is_public: true }),
    status: 400,
    code: CODES.invalidRepositoryInBody,
  },
  {
    name: 'createRepo: 129-character repository name in the body',
    request: json('POST', `${NS}/platform/repos`, { repository: 'r'.repeat(129), is_public: true }),
    status: 400,
    code: CODES.invalidRepositoryInBody,
  },
  {
    name: 'showRepository: uppercase repository name in the path',
    request: get(`${NS}/platform/repos/Web$App`),
    status: 400,
    code: CODES.invalidRepositoryInPath,
  },
  {
    name: 'deleteRepo: repository name with doubled "$" in the path',
    request: { method: 'DELETE', path: `${NS}/platform/repos/web$$app` },
    status: 400,
    code: CODES.invalidRepositoryInPath,
  },
  {
    name: 'listRepositoryTags: repository name ending in "$" in the path',
    request: get(`${NS}/platform/repos/web$/tags`),
    status: 400,
    code: CODES.invalidRepositoryInPath,
  },
  // Tags
  {
    name: 'deleteRepoTag: tag starting with "." in the path',
    request: { method: 'DELETE', path: `${REPO}/tags/.hidden` },
    status: 400,
    code: CODES.invalidTag,
  },
  {
    name: 'deleteRepoTag: tag starting with "-" in the path',
    request: { method: 'DELETE', path: `${REPO}/tags/-v1` },
    status: 400,
    code: CODES.invalidTag,
  },
  {
    name: 'deleteRepoTag: 129-character tag in the path',
    request: { method: 'DELETE', path: `${REPO}/tags/${'t'.repeat(129)}` },
    status: 400,
    code: CODES.invalidTag,
  },
  {
    name: 'createManualImageSyncRepo: invalid tag in the body',
    request: json('POST', `${REPO}/sync_images`, {
      imageTag: ['.bad'],
      remoteNamespace: 'platform',
      remoteRegionId: 'cn-east-3',
    }),
    status: 400,
    code: CODES.invalidTag,
  },
  // Enums and types
  {
    name: 'createRepo: category "ARM" is not in the enum',
    request: json('POST', `${NS}/platform/repos`, {
      repository: 'web',
      is_public: false,
      category: 'ARM',
    }),
    status: 400,
    code: CODES.invalidParam,
  },
  {
    name: 'updateRepo: category "unix" is not in the enum',
    request: json('PATCH', REPO, { is_public: false, category: 'unix' }),
    status: 400,
    code: CODES.invalidParam,
  },
  {
    name: 'listReposDetails: category "ARM" in the filter is not in the enum',
    request: get('/v2/manage/repos', [['filter', 'category::ARM']]),
    status: 400,
    code: CODES.invalidParam,
  },
  {
    name: 'createRepo: is_public as the string "true"',
    request: json('POST', `${NS}/platform/repos`, { repository: 'web', is_public: 'true' }),
    status: 400,
    code: CODES.invalidIsPublic,
  },
  {
    name: 'updateRepo: is_public as the number 1',
    request: json('PATCH', REPO, { is_public: 1 }),
    status: 400,
    code: CODES.invalidIsPublic,
  },
  {
    name: 'updateRepo: is_public null',
    request: json('PATCH', REPO, { is_public: null }),
    status: 400,
    code: CODES.invalidIsPublic,
  },
  {
    name: 'listReposDetails: is_public "yes" in the filter',
    request: get('/v2/manage/repos', [['filter', 'is_public::yes']]),
    status: 400,
    code: CODES.invalidIsPublic,
  },
  {
    name: 'createNamespace: an array where the object goes',
    request: json('POST', NS, [{ namespace: 'ops' }]),
    status: 400,
    code: CODES.invalidParam,
  },
  {
    name: 'createNamespaceAuth: an object where the array goes',
    request: json('POST', `${NS}/platform/access`, {
      user_id: 'e4774cdda0793f86414e8b9140bb6db4',
      user_name: 'n',
      auth: 1,
    }),
    status: 400,
    code: CODES.invalidParam,
  },
  {
    name: 'updateTrigger: body null',
    request: json('PATCH', `${REPO}/triggers/roll-ingress`, null),
    status: 400,
    code: CODES.invalidParam,
  },
  {
    name: 'createNamespace: unknown extra field',
    request: json('POST', NS, { namespace: 'ops', owner: 'me' }),
    status: 400,
    code: CODES.invalidParam,
  },
  {
    name: 'createNamespace: a "__proto__" field',
    request: { method: 'POST', path: NS, body: '{"namespace":"ops","__proto__":{"x":1}}' },
    status: 400,
    code: CODES.invalidParam,
  },
  {
    name: 'createRetention: algorithm "and"',
    request: json('POST', `${REPO}/retentions`, {
      algorithm: 'and',
      rules: [{ template: 'tag_rule', params: { num: '5' }, tag_selectors: [] }],
    }),
    status: 400,
    code: CODES.invalidParam,
  },
  // Missing fields
  {
    name: 'createRepo: is_public missing',
    request: json('POST', `${NS}/platform/repos`, { repository: 'web' }),
    status: 400,
    code: CODES.missingParam,
  },
  {
    name: 'createNamespace: empty object',
    request: json('POST', NS, {}),
    status: 400,
    code: CODES.missingParam,
  },
  {
    name: 'createNamespace: no body at all',
    request: { method: 'POST', path: NS },
    status: 400,
    code: CODES.missingParam,
  },
  {
    name: 'createNamespaceAuth: auth missing from a user',
    request: json('POST', `${NS}/platform/access`, [
      { user_id: 'e4774cdda0793f86414e8b9140bb6db4', user_name: 'n' },
    ]),
    status: 400,
    code: CODES.missingParam,
  },
  {
    name: 'createRepoDomains: deadline missing',
    request: json('POST', `${NS}/platform/repositories/nginx/access-domains`, {
      access_domain: 'partner-corp',
      permit: 'read',
    }),
    status: 400,
    code: CODES.missingParam,
  },
  // Permission values
  {
    name: 'createNamespaceAuth: auth 5',
    request: json('POST', `${NS}/platform/access`, [
      { user_id: 'e4774cdda0793f86414e8b9140bb6db4', user_name: 'n', auth: 5 },
    ]),
    status: 400,
    code: CODES.invalidNamespaceAuth,
  },
  {
    name: 'updateNamespaceAuth: auth 5',
    request: json('PATCH', `${NS}/platform/access`, [
      { user_id: 'e4774cdda0793f86414e8b9140bb6db4', user_name: 'n', auth: 5 },
    ]),
    status: 400,
    code: CODES.invalidNamespaceAuth,
  },
  {
    name: 'createUserRepositoryAuth: auth 5',
    request: json('POST', `${REPO}/access`, [
      { user_id: 'e4774cdda0793f86414e8b9140bb6db4', user_name: 'n', auth: 5 },
    ]),
    status: 400,
    code: CODES.invalidRepositoryAuth,
  },
  {
    name: 'updateUserRepositoryAuth: auth 5',
    request: json('PATCH', `${REPO}/access`, [
      { user_id: 'e4774cdda0793f86414e8b9140bb6db4', user_name: 'n', auth: 5 },
    ]),
    status: 400,
    code: CODES.invalidRepositoryAuth,
  },
  {
    name: 'createUserRepositoryAuth: auth "7" as a string',
    request: json('POST', `${REPO}/access`, [
      { user_id: 'e4774cdda0793f86414e8b9140bb6db4', user_name: 'n', auth: '7' },
    ]),
    status: 400,
    code: CODES.invalidRepositoryAuth,
  },
  {
    name: 'createNamespaceAuth: empty user name',
    request: json('POST', `${NS}/platform/access`, [
      { user_id: 'e4774cdda0793f86414e8b9140bb6db4', user_name: '', auth: 1 },
    ]),
    status: 400,
    code: CODES.invalidUserName,
  },
  {
    name: 'createRepoDomains: permit "write"',
    request: json('POST', `${NS}/platform/repositories/nginx/access-domains`, {
      access_domain: 'partner-corp',
      permit: 'write',
      deadline: 'forever',
    }),
    status: 400,
    code: CODES.invalidPermit,
  },
  {
    name: 'showAccessDomain: account name starting with a digit in the path',
    request: get(`${NS}/platform/repositories/nginx/access-domains/9lives`),
    status: 400,
    code: CODES.invalidDomain,
  },
  // Paging and filters
  {
    name: 'listRepositoryTags: limit 0',
    request: get(`${REPO}/tags`, [
      ['limit', '0'],
      ['offset', '0'],
    ]),
    status: 400,
    code: CODES.invalidPageSize,
  },
  {
    name: 'listRepositoryTags: limit 1001',
    request: get(`${REPO}/tags`, [
      ['limit', '1001'],
      ['offset', '0'],
    ]),
    status: 400,
    code: CODES.invalidPageSize,
  },
  {
    name: 'listReposDetails: limit "abc"',
    request: get('/v2/manage/repos', [
      ['limit', 'abc'],
      ['offset', '0'],
    ]),
    status: 400,
    code: CODES.invalidPageSize,
  },
  {
    name: 'listReposDetails: limit -1 in the filter',
    request: get('/v2/manage/repos', [['filter', 'limit::-1|offset::0']]),
    status: 400,
    code: CODES.invalidPageSize,
  },
  {
    name: 'listSharedReposDetails: offset "1.5"',
    request: get('/v2/manage/shared-repositories', [
      ['center', 'self'],
      ['limit', '10'],
      ['offset', '1.5'],
    ]),
    status: 400,
    code: CODES.invalidPageSize,
  },
  {
    name: 'showSyncJob: limit 99999999999999999999 in the filter',
    request: get(`${REPO}/sync_job`, [['filter', 'limit::99999999999999999999|offset::0']]),
    status: 400,
    code: CODES.invalidPageSize,
  },
  {
    name: 'listReposDetails: filter part without "::"',
    request: get('/v2/manage/repos', [['filter', 'namespace:platform']]),
    status: 400,
    code: CODES.invalidFilter,
  },
  {
    name: 'listReposDetails: filter "::"',
    request: get('/v2/manage/repos', [['filter', '::']]),
    status: 400,
    code: CODES.invalidFilter,
  },
  {
    name: 'listReposDetails: filter with a "||" run',
    request: get('/v2/manage/repos', [['filter', 'namespace::platform||name::nginx']]),
    status: 400,
    code: CODES.invalidFilter,
  },
  {
    name: 'listReposDetails: filter on an unknown key',
    request: get('/v2/manage/repos', [['filter', 'owner::me']]),
    status: 400,
    code: CODES.invalidFilter,
  },
  {
    name: 'listNamespaces: filter and plain parameter disagree',
    request: get(NS, [
      ['namespace', 'platform'],
      ['filter', 'namespace::payments'],
    ]),
    status: 400,
    code: CODES.invalidFilter,
  },
  {
    name: 'listReposDetails: order_type "up"',
    request: get('/v2/manage/repos', [
      ['order_column', 'name'],
      ['order_type', 'up'],
    ]),
    status: 400,
    code: CODES.invalidFilter,
  },
  {
    name: 'listReposDetails: unknown query parameter',
    request: get('/v2/manage/repos', [['owner', 'me']]),
    status: 400,
    code: CODES.invalidParam,
  },
  {
    name: 'listRepositoryTags: repeated query parameter',
    request: get(`${REPO}/tags`, [
      ['tag', 'a'],
      ['tag', 'b'],
    ]),
    status: 400,
    code: CODES.invalidParam,
  },
  {
    name: 'showNamespace: a filter on an operation without one',
    request: get(`${NS}/platform`, [['filter', 'namespace::platform']]),
    status: 400,
    code: CODES.invalidParam,
  },
  // Malformed bodies
  {
    name: 'createNamespace: truncated JSON',
    request: { method: 'POST', path: NS, body: '{"namespace":' },
    status: 400,
    code: CODES.invalidParam,
  },
  {
    name: 'createNamespace: JSON with single quotes',
    request: { method: 'POST', path: NS, body: "{'namespace':'ops'}" },
    status: 400,
    code: CODES.invalidParam,
  },
  {
    name: 'createNamespaceAuth: JSON with a trailing comma',
    request: { method: 'POST', path: `${NS}/platform/access`, body: '[{"user_id":"u1"},]' },
    status: 400,
    code: CODES.invalidParam,
  },
  {
    name: 'deleteNamespaces: malformed JSON even where no body is expected',
    request: { method: 'DELETE', path: `${NS}/platform`, body: '{' },
    status: 400,
    code: CODES.invalidParam,
  },
  {
    name: 'createNamespace: text/plain body',
    request: {
      method: 'POST',
      path: NS,
      body: 'namespace=ops',
      headers: { 'Content-Type': 'text/plain' },
    },
    status: 400,
    code: CODES.invalidParam,
  },
  {
    name: 'createNamespace: valid JSON sent as application/x-www-form-urlencoded',
    request: {
      method: 'POST',
      path: NS,
      body: '{"namespace":"ops"}',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    },
    status: 400,
    code: CODES.invalidParam,
  },
  // Sizes
  {
    name: 'createRepo: description of 30001 characters',
    request: json('POST', `${NS}/platform/repos`, {
      repository: 'web',
      is_public: false,
      description: 'd'.repeat(30_001),
    }),
    status: 413,
    code: CODES.descriptionTooLong,
  },
  {
    name: 'updateRepo: description of 30001 characters',
    request: json('PATCH', REPO, { is_public: false, description: 'd'.repeat(30_001) }),
    status: 413,
    code: CODES.descriptionTooLong,
  },
  // Unknown paths
  {
    name: 'GET /v2/manage/nothing',
    request: get('/v2/manage/nothing'),
    status: 404,
    code: CODES.urlNotFound,
  },
  {
    name: 'GET a repository path with an extra segment',
    request: get(`${REPO}/tags/latest/extra`),
    status: 404,
    code: CODES.urlNotFound,
  },
  {
    name: 'PUT on an operation path (no such method)',
    request: json('PUT', `${NS}/platform`, {}),
    status: 404,
    code: CODES.urlNotFound,
  },
  {
    name: 'DELETE /v2/manage/repos (no such operation)',
    request: { method: 'DELETE', path: '/v2/manage/repos' },
    status: 404,
    code: CODES.urlNotFound,
  },
  {
    name: 'GET an unknown API version',
    request: get('/version-two'),
    status: 404,
    code: CODES.urlNotFound,
  },
];

describe('exact SWR codes for each kind of bad input', () => {
  let env: TestEmulator;

  beforeAll(async () => {
    env = await startTestEmulator({ seed: 'demo' });
  });

  afterAll(async () => {
    await env.close();
  });

  it.each(ROWS)('$name → $status $code', async ({ request, status, code }) => {
    const response = await env.raw(MAIN, request);
    expect({ status: response.status, code: swrErrorCode(response.json) }).toEqual({
      status,
      code,
    });
    expect(statusOfCode(code)).toBe(status);
    expect(response.json).toMatchObject({ errorMessage: expect.any(String) as unknown });
  });

  it('an oversize body (over 1 MiB) → 413 SVCSTG.SWR.4131001, and the emulator keeps serving', async () => {
    const body = JSON.stringify({ namespace: 'ops', padding: 'p'.repeat(MIB) });
    const response = await env.raw(MAIN, { method: 'POST', path: NS, body });
    expect(response.status).toBe(413);
    expect(swrErrorCode(response.json)).toBe(CODES.bodyTooLarge);
    const after = await env.raw(MAIN, { method: 'GET', path: NS });
    expect(after.status).toBe(200);
  });

  it('an oversize body on an operation without a body → 413 SVCSTG.SWR.4131001 too', async () => {
    const body = `[${'1,'.repeat(MIB / 2)}1]`;
    const response = await env.raw(MAIN, { method: 'DELETE', path: `${NS}/platform`, body });
    expect(response.status).toBe(413);
    expect(swrErrorCode(response.json)).toBe(CODES.bodyTooLarge);
    expect((await env.raw(MAIN, { method: 'GET', path: `${NS}/platform` })).status).toBe(200);
  });

  it('an oversize chunked body (no Content-Length) → 413 SVCSTG.SWR.4131001', async () => {
    const wire = createWireClient(env.url(MAIN), env.credentials(MAIN));
    try {
      for (const method of ['GET', 'POST']) {
        const response = await wire.send({
          method,
          path: NS,
          query: '',
          body: Buffer.alloc(MIB + 1, ' '),
          chunked: true,
        });
        expect(response.status).toBe(413);
        expect(swrErrorCode(response.json)).toBe(CODES.bodyTooLarge);
      }
      const after = await wire.send({ method: 'GET', path: NS, query: '' });
      expect(after.status).toBe(200);
    } finally {
      wire.close();
    }
  });

  /** Paths only exact wire bytes can carry: encoded separators, NUL, dot segments, unicode. */
  const WIRE_ROWS: { path: string; method?: string; status: number; code: string }[] = [
    { path: `${NS}/..`, status: 400, code: CODES.invalidNamespaceInPath },
    { path: `${NS}/plat%2Fform`, status: 400, code: CODES.invalidNamespaceInPath },
    { path: `${NS}/platform%00`, status: 400, code: CODES.invalidNamespaceInPath },
    { path: `${NS}/%E4%B8%AD%E6%96%87`, status: 400, code: CODES.invalidNamespaceInPath },
    { path: `${NS}/${'a'.repeat(5000)}`, status: 400, code: CODES.invalidNamespaceInPath },
    { path: `${NS}/platform/repos/..`, status: 400, code: CODES.invalidRepositoryInPath },
    { path: `${NS}/platform/repos/web%00app`, status: 400, code: CODES.invalidRepositoryInPath },
    { path: `${NS}/platform/repos/%24nginx`, status: 400, code: CODES.invalidRepositoryInPath },
    { path: `${REPO}/tags/v1%2F2`, method: 'DELETE', status: 400, code: CODES.invalidTag },
    { path: `${REPO}/tags/%2E%2E`, method: 'DELETE', status: 400, code: CODES.invalidTag },
    { path: `${NS}//repos/nginx`, status: 404, code: CODES.urlNotFound },
    { path: `/v2/manage/x/../namespaces/platform`, status: 404, code: CODES.urlNotFound },
  ];

  it.each(WIRE_ROWS)('$path (exact wire bytes) → $status $code', async (row) => {
    const wire = createWireClient(env.url(MAIN), env.credentials(MAIN));
    try {
      const response = await wire.send({ method: row.method ?? 'GET', path: row.path, query: '' });
      expect({ status: response.status, code: swrErrorCode(response.json) }).toEqual({
        status: row.status,
        code: row.code,
      });
    } finally {
      wire.close();
    }
  });

  it('a GET with a malformed JSON body → 400 SVCSTG.SWR.4000014', async () => {
    const wire = createWireClient(env.url(MAIN), env.credentials(MAIN));
    try {
      const response = await wire.send({
        method: 'GET',
        path: NS,
        query: '',
        body: Buffer.from('{'),
      });
      expect({ status: response.status, code: swrErrorCode(response.json) }).toEqual({
        status: 400,
        code: CODES.invalidParam,
      });
    } finally {
      wire.close();
    }
  });

  it('a body of exactly 1 MiB is not too large', async () => {
    const text = JSON.stringify({ namespace: 'exactly-one-mib' });
    const body = text + ' '.repeat(MIB - Buffer.byteLength(text));
    const response = await env.raw(MAIN, { method: 'POST', path: NS, body });
    expect(response.status).toBe(201);
  });

  it('a description of exactly 30000 characters is accepted', async () => {
    const response = await env.raw(
      MAIN,
      json('PATCH', REPO, { is_public: false, description: 'd'.repeat(30_000) }),
    );
    expect(response.status).toBe(201);
  });
});

describe('requests the gateway refuses → 401 in the APIG shape', () => {
  let env: TestEmulator;

  beforeAll(async () => {
    env = await startTestEmulator();
  });

  afterAll(async () => {
    await env.close();
  });

  interface SignedCall {
    path?: string;
    query?: QueryPairs;
    body?: string;
    credentials?: SigningCredentials;
    date?: Date;
  }

  /** Signs like the SDK does; the test then tampers with the headers or the body. */
  function signed(call: SignedCall = {}) {
    const path = call.path ?? NS;
    const query = call.query ?? [];
    const headers = signRequest({
      method: call.body === undefined ? 'GET' : 'POST',
      url: `${env.url(MAIN)}${path}`,
      query,
      headers: { 'Content-Type': 'application/json' },
      body: call.body ?? '',
      credentials: call.credentials ?? env.credentials(MAIN),
      ...(call.date === undefined ? {} : { date: call.date }),
    });
    const queryString = formatQueryString(query);
    return {
      url: `${env.url(MAIN)}${path}${queryString === '' ? '' : `?${queryString}`}`,
      init: {
        method: call.body === undefined ? 'GET' : 'POST',
        headers,
        ...(call.body === undefined ? {} : { body: call.body }),
      },
    };
  }

  async function expectApig401(url: string, init: RequestInit, message?: RegExp): Promise<void> {
    const response = await fetch(url, init);
    const body = (await response.json()) as Record<string, unknown>;
    expect(response.status).toBe(401);
    expect(body).toEqual({
      error_code: APIG_SIGNATURE_ERROR.code,
      error_msg: expect.any(String) as unknown,
      request_id: response.headers.get('x-request-id'),
    });
    if (message !== undefined) expect(body.error_msg).toMatch(message);
  }

  const hour = 60 * 60 * 1000;

  it('unsigned: no Authorization header', async () => {
    const { url, init } = signed();
    const headers = Object.fromEntries(
      Object.entries(init.headers).filter(([name]) => name.toLowerCase() !== 'authorization'),
    );
    expect(Object.keys(headers)).toContain('X-Sdk-Date');
    await expectApig401(url, { ...init, headers });
  });

  it('no headers at all', async () => {
    await expectApig401(`${env.url(MAIN)}${NS}`, {});
  });

  it('badly signed: one signature digit changed', async () => {
    const { url, init } = signed();
    const { headers } = init;
    const authorization = headers.Authorization ?? headers.authorization ?? '';
    const last = authorization.at(-1) === '0' ? '1' : '0';
    await expectApig401(url, {
      ...init,
      headers: { ...headers, Authorization: authorization.slice(0, -1) + last },
    });
  });

  it('badly signed: the body changed after signing', async () => {
    const { url, init } = signed({ body: '{"namespace":"signed"}' });
    await expectApig401(url, { ...init, body: '{"namespace":"swapped"}' });
  });

  it('badly signed: the query changed after signing', async () => {
    const { url, init } = signed({ query: [['filter', 'namespace::platform']] });
    await expectApig401(url.replace('platform', 'payments'), init);
  });

  it('badly signed: signed with the wrong SK', async () => {
    const { url, init } = signed({
      credentials: { ...env.credentials(MAIN), sk: 'not-the-secret-key-000000000000000000000' },
    });
    await expectApig401(url, init);
  });

  it('unknown AK', async () => {
    const { url, init } = signed({
      credentials: { ...env.credentials(MAIN), ak: 'UNKNOWNAK00000000001' },
    });
    await expectApig401(url, init, /ak not exist/);
  });

  it('a malformed Authorization header', async () => {
    const { url, init } = signed();
    await expectApig401(url, {
      ...init,
      headers: { ...init.headers, Authorization: 'Bearer token' },
    });
  });

  it('expired X-Sdk-Date: signed an hour ago', async () => {
    const { url, init } = signed({ date: new Date(Date.now() - hour) });
    await expectApig401(url, init, /expired/);
  });

  it('X-Sdk-Date an hour in the future', async () => {
    const { url, init } = signed({ date: new Date(Date.now() + hour) });
    await expectApig401(url, init, /expired/);
  });

  it('malformed X-Sdk-Date', async () => {
    const { url, init } = signed();
    await expectApig401(url, {
      ...init,
      headers: {
        ...init.headers,
        'X-Sdk-Date': '2024-01-02T03:04:05Z',
      },
    });
  });

  it("wrong X-Project-Id: another region's project", async () => {
    const { url, init } = signed({
      credentials: {
        ...env.credentials(MAIN),
        projectId: env.emulator.projectId('demo-ops', 'cn-east-3'),
      },
    });
    await expectApig401(url, init, /project/);
  });

  it("wrong X-Project-Id: another account's project", async () => {
    const { url, init } = signed({
      credentials: {
        ...env.credentials(MAIN),
        projectId: env.emulator.projectId('partner-corp', MAIN),
      },
    });
    await expectApig401(url, init, /project/);
  });

  it('wrong X-Project-Id: made up', async () => {
    const { url, init } = signed({
      credentials: { ...env.credentials(MAIN), projectId: '0'.repeat(32) },
    });
    await expectApig401(url, init, /project/);
  });

  it('the same request, correctly signed, succeeds', async () => {
    const { url, init } = signed();
    const response = await fetch(url, init);
    expect(response.status).toBe(200);
  });
});
