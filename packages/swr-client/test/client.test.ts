import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  createSwrClient,
  formatContentRange,
  parseContentRange,
  type LoginCommand,
  type OperationResponse,
  type Page,
} from '../src/client';
import type { RetentionLog, ShowNamespace, TagDetail } from '../src/contract/models';
import { operationNames, operations, type OperationName } from '../src/contract/operations';
import { matchOperation } from '../src/contract/paths';
import { mergeQuery } from '../src/contract/query';
import { SwrError } from '../src/errors';
import type { Transport, TransportRequest, TransportResponse } from '../src/transport';
import { validInputs } from './support/valid-inputs';

interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
}

/** The network edge, faked: records each request and answers with `reply`. */
function fakeTransport(reply: Reply | ((request: TransportRequest) => Reply) = {}) {
  const requests: TransportRequest[] = [];
  const transport: Transport = (request) => {
    requests.push(request);
    const answer = typeof reply === 'function' ? reply(request) : reply;
    const body =
      answer.body === undefined
        ? ''
        : typeof answer.body === 'string'
          ? answer.body
          : JSON.stringify(answer.body);
    const response: TransportResponse = {
      status: answer.status ?? 200,
      headers: new Headers(answer.headers),
      body,
    };
    return Promise.resolve(response);
  };
  return { transport, requests };
}

/** Resolves to the SwrError a promise rejects with. */
async function failure(promise: Promise<unknown>): Promise<SwrError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SwrError) return error;
    throw new Error(`expected an SwrError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the call to fail');
}

const tag = (name: string, id: number): TagDetail => ({
  id,
  repo_id: 2,
  Tag: name,
  image_id: `img${id}`,
  manifest: '{}',
  digest: `sha256:${'a'.repeat(63)}${id}`,
  schema: 2,
  path: `swr.cn-north-4.myhuaweicloud.com/demo/web/app:${name}`,
  internal_path: `10.0.0.1:20202/demo/web/app:${name}`,
  size: 1024,
  is_trusted: false,
  created: '2024-01-01T00:00:00Z',
  updated: '2024-01-02T00:00:00.123456789Z',
  deleted: null,
  domain_id: 'domain1',
  scanned: false,
  tag_type: 0,
});

const retentionLog = (id: number): RetentionLog => ({
  id,
  created_at: '2024-01-03T00:00:00Z',
  namespace: 'demo',
  repo: 'web/app',
  tag: `old${id}`,
  retention_id: 5,
  rule_type: '{"template":"tag_rule","params":{"num":"7"},"tag_selectors":[]}',
});

const namespace: ShowNamespace = { id: 1, name: 'demo', creator_name: 'admin', auth: 7 };

const repo = { namespace: 'demo', repository: 'web/app' };

/** Calls any operation by name with loose types, for tests that loop over the table. */
function callByName(
  transport: Transport,
  name: OperationName,
  input: unknown,
): Promise<OperationResponse<OperationName>> {
  return createSwrClient(transport).call(name, input as never);
}

describe('requests built from the contract', () => {
  it.each(operationNames)(
    '%s sends what the server side reads back as the same call',
    async (name) => {
      const op = operations[name];
      const input: { params?: Record<string, unknown>; query?: object; body?: unknown } =
        validInputs[name];
      const { transport, requests } = fakeTransport({
        status: 500,
        body: { errorCode: 'SVCSTG.SWR.5000001', errorMessage: 'stop here' },
      });
      const error = await failure(callByName(transport, name, input));
      expect(error.kind).toBe('http');
      expect(requests).toHaveLength(1);
      const [request] = requests;
      if (request === undefined) throw new Error('no request');
      expect(request.operation).toBe(name);
      expect(request.method).toBe(op.method);
      expect(request.signal).toBeInstanceOf(AbortSignal);
      expect(matchOperation(request.method, request.path)).toEqual({
        ok: true,
        name,
        params: Object.fromEntries(
          Object.entries(input.params ?? {}).map(([key, value]) => [key, String(value)]),
        ),
      });
      const merged = mergeQuery(op, request.query);
      if (!merged.ok) throw new Error(`query not readable: ${JSON.stringify(merged.problem)}`);
      expect(op.query.parse(merged.query)).toEqual(op.query.parse(input.query ?? {}));
      if ('body' in op) {
        expect(JSON.parse(request.body ?? 'null')).toEqual(input.body);
      } else {
        expect(request.body).toBeUndefined();
      }
    },
  );

  it('sends web/app as web$app and the tag paging as plain parameters', async () => {
    const { transport, requests } = fakeTransport({ body: [] });
    await createSwrClient(transport).listRepositoryTags({
      params: repo,
      query: { limit: 10, offset: 0, order_column: 'updated_at', order_type: 'desc', tag: 'v1' },
    });
    expect(requests[0]).toMatchObject({
      method: 'GET',
      path: '/v2/manage/namespaces/demo/repos/web$app/tags',
      query: [
        ['limit', '10'],
        ['offset', '0'],
        ['order_column', 'updated_at'],
        ['order_type', 'desc'],
        ['tag', 'v1'],
      ],
    });
    expect(requests[0]?.body).toBeUndefined();
  });

  it('sends listReposDetails as one filter parameter', async () => {
    const { transport, requests } = fakeTransport({ body: [] });
    await createSwrClient(transport).listReposDetails({
      query: { limit: 10, offset: 0, namespace: 'demo' },
    });
    expect(requests[0]).toMatchObject({
      method: 'GET',
      path: '/v2/manage/repos',
      query: [['filter', 'namespace::demo|limit::10|offset::0']],
    });
  });

  it('sends the real repository name in a createRepo body', async () => {
    const { transport, requests } = fakeTransport({ status: 201 });
    await createSwrClient(transport).createRepo({
      params: { namespace: 'demo' },
      body: { repository: 'web/app', is_public: false, category: 'linux', description: 'd' },
    });
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: '/v2/manage/namespaces/demo/repos',
      query: [],
      body: '{"repository":"web/app","is_public":false,"category":"linux","description":"d"}',
    });
  });

  it('sends a DELETE with its user id list as the body', async () => {
    const { transport, requests } = fakeTransport({ status: 204 });
    await createSwrClient(transport).deleteNamespaceAuth({
      params: { namespace: 'demo' },
      body: ['e4774cdda0793f86414e8b9140bb6db4', '0fd3d3a5b8d9a3bf4b8dc4a1c6fe7d4e'],
    });
    expect(requests[0]).toMatchObject({
      method: 'DELETE',
      path: '/v2/manage/namespaces/demo/access',
      body: '["e4774cdda0793f86414e8b9140bb6db4","0fd3d3a5b8d9a3bf4b8dc4a1c6fe7d4e"]',
    });
  });

  it('accepts any 2xx, as the SDK does (createRepo is 201 or 200 by doc version)', async () => {
    const { transport } = fakeTransport({ status: 200 });
    await expect(
      createSwrClient(transport).createRepo({
        params: { namespace: 'demo' },
        body: { repository: 'app', is_public: true },
      }),
    ).resolves.toBeUndefined();
  });
});

describe('input refused before anything is sent', () => {
  it.each([
    [
      'a bad namespace in the body',
      'createNamespace',
      { body: { namespace: 'Bad_' } },
      'body.namespace',
    ],
    ['an unknown body key', 'createNamespace', { body: { namespace: 'ok', extra: 1 } }, 'body'],
    ['a missing body', 'createNamespace', {}, 'body'],
    [
      'an empty namespace in the path',
      'showNamespace',
      { params: { namespace: '' } },
      'params.namespace',
    ],
    [
      'a bad repository',
      'showRepository',
      { params: { namespace: 'demo', repository: 'web//app' } },
      'params.repository',
    ],
    ['a bad tag', 'deleteRepoTag', { params: { ...repo, tag: '.v1' } }, 'params.tag'],
    ['missing params', 'listRepositoryTags', {}, 'params.namespace'],
    [
      'limit without offset',
      'listRepositoryTags',
      { params: repo, query: { limit: 10 } },
      'query.offset',
    ],
    [
      'limit 0',
      'listRepositoryTags',
      { params: repo, query: { limit: 0, offset: 0 } },
      'query.limit',
    ],
    ['an unknown query key', 'listTriggersDetails', { params: repo, query: { x: '1' } }, 'query'],
    ['a filter value holding |', 'listReposDetails', { query: { name: 'a|b' } }, 'query'],
    [
      'a regexp selector that does not compile',
      'createRetention',
      {
        params: repo,
        body: {
          algorithm: 'or',
          rules: [
            {
              template: 'tag_rule',
              params: { num: '3' },
              tag_selectors: [{ kind: 'regexp', pattern: '(' }],
            },
          ],
        },
      },
      'body.rules.0.tag_selectors.0.pattern',
    ],
  ] as const)('refuses %s (%s) as invalid-request', async (_, name, input, path) => {
    const { transport, requests } = fakeTransport({ status: 200, body: [] });
    const error = await failure(callByName(transport, name, input));
    expect(error.kind).toBe('invalid-request');
    expect(error.operation).toBe(name);
    expect(error.message).toContain(name);
    expect(error.retryable).toBe(false);
    expect(error.issues.map((issue) => issue.path)).toContainEqual(
      expect.stringMatching(new RegExp(`^${path.replaceAll('.', '\\.')}`)),
    );
    expect(requests).toHaveLength(0);
  });
});

describe('HTTP errors', () => {
  it.each([
    [
      'the SWR object',
      404,
      { errorCode: 'SVCSTG.SWR.4040058', errorMessage: 'Organization not found', detail: '' },
      { 'X-Request-Id': 'req-404' },
      { code: 'SVCSTG.SWR.4040058', message: 'Organization not found', requestId: 'req-404' },
    ],
    [
      'the documented one-element array',
      400,
      [{ errorCode: 'SVCSTG.SWR.4001028', errorMessage: 'Invalid organization name' }],
      { 'x-request-id': 'req-400' },
      { code: 'SVCSTG.SWR.4001028', message: 'Invalid organization name', requestId: 'req-400' },
    ],
    [
      '{errors:[…]}',
      500,
      { errors: [{ errorCode: 'SVCSTG.SWR.5000001', errorMessage: 'Internal error' }] },
      { 'X-Request-Id': 'req-500' },
      { code: 'SVCSTG.SWR.5000001', message: 'Internal error', requestId: 'req-500' },
    ],
    [
      'the APIG shape without the header',
      401,
      { error_code: 'APIGW.0301', error_msg: 'verify aksk signature fail', request_id: 'apig-1' },
      {},
      { code: 'APIGW.0301', message: 'verify aksk signature fail', requestId: 'apig-1' },
    ],
    [
      'a non-JSON body',
      502,
      'Bad Gateway',
      {},
      {
        code: undefined,
        message: 'SWR answered showNamespace with HTTP 502',
        requestId: undefined,
      },
    ],
  ])('maps %s (HTTP %i) to kind http', async (_, status, body, headers, expected) => {
    const { transport } = fakeTransport({ status, body, headers });
    const error = await failure(
      createSwrClient(transport).showNamespace({ params: { namespace: 'demo' } }),
    );
    expect(error).toMatchObject({ kind: 'http', operation: 'showNamespace', status, ...expected });
  });

  it('treats a redirect as an error, not a success', async () => {
    const { transport } = fakeTransport({ status: 302, headers: { Location: 'http://x/' } });
    const error = await failure(createSwrClient(transport).listApiVersions());
    expect(error).toMatchObject({ kind: 'http', status: 302 });
  });
});

describe('answers that do not fit the contract', () => {
  it('refuses a body of the wrong shape as invalid-response, with status and request id', async () => {
    const { transport } = fakeTransport({
      body: { namespaces: [{ id: 'one', name: 'demo' }] },
      headers: { 'X-Request-Id': 'req-bad' },
    });
    const error = await failure(createSwrClient(transport).listNamespaces());
    expect(error).toMatchObject({ kind: 'invalid-response', status: 200, requestId: 'req-bad' });
    expect(error.message).toContain('namespaces');
  });

  it.each(['', 'not json', '{"namespaces":'])('refuses the non-JSON body %j', async (body) => {
    const { transport } = fakeTransport({ body });
    const error = await failure(createSwrClient(transport).listNamespaces());
    expect(error.kind).toBe('invalid-response');
  });

  it('tolerates fields it does not know, and drops them', async () => {
    const { transport } = fakeTransport({
      body: { namespaces: [{ ...namespace, new_field: 1 }], also_new: true },
    });
    await expect(createSwrClient(transport).listNamespaces()).resolves.toEqual({
      namespaces: [namespace],
    });
  });

  it('refuses a tag list item without its capital-T Tag', async () => {
    const { Tag: _dropped, ...withoutTag } = tag('v1', 1);
    const { transport } = fakeTransport({ body: [{ ...withoutTag, tag: 'v1' }] });
    const error = await failure(createSwrClient(transport).listRepositoryTags({ params: repo }));
    expect(error.kind).toBe('invalid-response');
  });
});

describe('pages', () => {
  const tags = [tag('v1', 1), tag('v2', 2)];

  it('takes offset, count and total from Content-Range', async () => {
    const { transport } = fakeTransport({ body: tags, headers: { 'Content-Range': '20-2/23' } });
    const page = await createSwrClient(transport).listRepositoryTags({
      params: repo,
      query: { limit: 10, offset: 20 },
    });
    expect(page).toEqual({ items: tags, offset: 20, count: 2, total: 23 });
  });

  it("says how many items the console left out for the user's scopes (X-Scope-Hidden)", async () => {
    const { transport } = fakeTransport({
      body: [],
      headers: { 'Content-Range': '0-0/0', 'X-Scope-Hidden': '3' },
    });
    await expect(createSwrClient(transport).listReposDetails()).resolves.toEqual({
      items: [],
      offset: 0,
      count: 0,
      total: 0,
      hidden: 3,
    });
    const odd = fakeTransport({
      body: [],
      headers: { 'Content-Range': '0-0/0', 'X-Scope-Hidden': 'x' },
    });
    await expect(createSwrClient(odd.transport).listReposDetails()).resolves.not.toHaveProperty(
      'hidden',
    );
  });

  it('reads an empty page', async () => {
    const { transport } = fakeTransport({ body: [], headers: { 'Content-Range': '0-0/0' } });
    await expect(createSwrClient(transport).listReposDetails()).resolves.toEqual({
      items: [],
      offset: 0,
      count: 0,
      total: 0,
    });
  });

  it('falls back to the whole list when no paging was asked and no header came', async () => {
    const { transport } = fakeTransport({ body: tags });
    await expect(createSwrClient(transport).listRepositoryTags({ params: repo })).resolves.toEqual({
      items: tags,
      offset: 0,
      count: 2,
      total: 2,
    });
  });

  it('falls back to the asked offset, and a total no smaller than what was seen', async () => {
    const { transport } = fakeTransport({ body: tags });
    await expect(
      createSwrClient(transport).listRepositoryTags({
        params: repo,
        query: { limit: '10', offset: '20' },
      }),
    ).resolves.toEqual({ items: tags, offset: 20, count: 2, total: 22 });
  });

  it.each(['items 0-1/2', '0-1', 'bytes=0-1/2', '-1-2/3', 'a-b/c'])(
    'ignores the malformed Content-Range %j',
    async (header) => {
      const { transport } = fakeTransport({ body: tags, headers: { 'Content-Range': header } });
      await expect(
        createSwrClient(transport).listRepositoryTags({ params: repo }),
      ).resolves.toEqual({ items: tags, offset: 0, count: 2, total: 2 });
    },
  );

  it('takes listRetentionHistories items from retention_log and total from the body', async () => {
    const logs = [retentionLog(1), retentionLog(2)];
    const { transport, requests } = fakeTransport({ body: { retention_log: logs, total: 57 } });
    const page = await createSwrClient(transport).listRetentionHistories({
      params: repo,
      query: { limit: 10, offset: 10 },
    });
    expect(page).toEqual({ items: logs, offset: 10, count: 2, total: 57 });
    expect(requests[0]?.path).toBe('/v2/manage/namespaces/demo/repos/web$app/retentions/histories');
    expect(requests[0]?.query).toEqual([['filter', 'limit::10|offset::10']]);
  });

  it('prefers Content-Range for listRetentionHistories when it comes', async () => {
    const logs = [retentionLog(3)];
    const { transport } = fakeTransport({
      body: { retention_log: logs, total: 57 },
      headers: { 'Content-Range': '56-1/57' },
    });
    await expect(
      createSwrClient(transport).listRetentionHistories({ params: repo }),
    ).resolves.toEqual({ items: logs, offset: 56, count: 1, total: 57 });
  });

  it('reads what formatContentRange writes', () => {
    for (const range of [
      { offset: 0, count: 10, total: 23 },
      { offset: 20, count: 3, total: 23 },
      { offset: 0, count: 0, total: 0 },
    ]) {
      expect(parseContentRange(formatContentRange(range))).toEqual(range);
    }
    expect(formatContentRange({ offset: 0, count: 10, total: 23 })).toBe('0-10/23');
    expect(parseContentRange(null)).toBeUndefined();
  });
});

describe('createSecret', () => {
  const registry = 'swr.cn-north-4.myhuaweicloud.com';
  const headerCommand = 'docker login -u cn-north-4@AKEXAMPLE -p 0a1b2c3d4e5f';
  const body = { auths: { [registry]: { auth: 'Y24tbm9ydGgtNEBBSzpwYXNz' } } };

  it('builds the login command from X-Swr-Dockerlogin, X-Swr-Expireat and the auths key', async () => {
    const { transport, requests } = fakeTransport({
      body,
      headers: {
        'X-Swr-Dockerlogin': headerCommand,
        'X-Swr-Expireat': '2024-12-26T11:22:50.769Z',
      },
    });
    await expect(
      createSwrClient(transport).createSecret({ query: { projectname: 'cn-north-4' } }),
    ).resolves.toEqual({
      registry,
      headerCommand,
      command: `${headerCommand} ${registry}`,
      expiresAt: '2024-12-26T11:22:50.769Z',
    });
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: '/v2/manage/utils/secret',
      query: [['projectname', 'cn-north-4']],
    });
    expect(requests[0]?.body).toBeUndefined();
  });

  it('leaves expiresAt undefined when SWR does not say (SDK 3.1.128 era)', async () => {
    const { transport } = fakeTransport({
      body,
      headers: { 'X-Swr-Dockerlogin': headerCommand },
    });
    const login = await createSwrClient(transport).createSecret();
    expect(login.expiresAt).toBeUndefined();
    expect(login.command).toBe(`${headerCommand} ${registry}`);
  });

  it('refuses an answer without the login header, without echoing the secret', async () => {
    const { transport } = fakeTransport({ body });
    const error = await failure(createSwrClient(transport).createSecret());
    expect(error.kind).toBe('invalid-response');
    expect(error.message).not.toContain('Y24tbm9ydGgtNEBBSzpwYXNz');
  });

  it('refuses an answer without a registry host', async () => {
    const { transport } = fakeTransport({
      body: { auths: {} },
      headers: { 'X-Swr-Dockerlogin': headerCommand },
    });
    const error = await failure(createSwrClient(transport).createSecret());
    expect(error.kind).toBe('invalid-response');
    expect(error.message).not.toContain('0a1b2c3d4e5f');
  });
});

describe('deadlines, aborts and network failures', () => {
  it('times out a transport that never answers, after timeoutMs', async () => {
    const requests: TransportRequest[] = [];
    const silent: Transport = (request) => {
      requests.push(request);
      return new Promise<TransportResponse>(() => undefined);
    };
    const started = performance.now();
    const error = await failure(createSwrClient(silent, { timeoutMs: 50 }).listApiVersions());
    const elapsed = performance.now() - started;
    expect(error).toMatchObject({ kind: 'timeout', operation: 'listApiVersions' });
    expect(error.message).toContain('50 ms');
    expect(error.retryable).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(40);
    expect(requests[0]?.signal.aborted).toBe(true);
  });

  it('times out a transport that waits on the abort signal', async () => {
    const waiting: Transport = (request) =>
      new Promise<TransportResponse>((_, reject) => {
        request.signal.addEventListener('abort', () => {
          reject(new Error('aborted by signal'));
        });
      });
    const error = await failure(createSwrClient(waiting, { timeoutMs: 50 }).listApiVersions());
    expect(error.kind).toBe('timeout');
  });

  it('lets one call override the client timeout', async () => {
    const waiting: Transport = () => new Promise<TransportResponse>(() => undefined);
    const client = createSwrClient(waiting, { timeoutMs: 600_000 });
    const error = await failure(client.listApiVersions(undefined, { timeoutMs: 50 }));
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('50 ms');
  });

  it('reports a caller abort as aborted', async () => {
    let markStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      markStarted = resolve;
    });
    const waiting: Transport = (request) =>
      new Promise<TransportResponse>((_, reject) => {
        request.signal.addEventListener('abort', () => {
          reject(new Error('aborted by signal'));
        });
        markStarted();
      });
    const controller = new AbortController();
    const call = createSwrClient(waiting).listApiVersions(undefined, {
      signal: controller.signal,
    });
    await started;
    controller.abort();
    const error = await failure(call);
    expect(error).toMatchObject({ kind: 'aborted', operation: 'listApiVersions' });
    expect(error.retryable).toBe(false);
  });

  it('reports a caller abort even when the transport ignores the signal', async () => {
    const silent: Transport = () => new Promise<TransportResponse>(() => undefined);
    const controller = new AbortController();
    const call = createSwrClient(silent).listApiVersions(undefined, {
      signal: controller.signal,
    });
    controller.abort();
    expect((await failure(call)).kind).toBe('aborted');
  });

  it('does not send a call whose signal is already aborted', async () => {
    const { transport, requests } = fakeTransport({ body: { versions: [] } });
    const error = await failure(
      createSwrClient(transport).listApiVersions(undefined, { signal: AbortSignal.abort() }),
    );
    expect(error.kind).toBe('aborted');
    expect(requests).toHaveLength(0);
  });

  it.each([
    [
      'rejects',
      (): Promise<TransportResponse> =>
        Promise.reject(new TypeError('fetch failed: connect ECONNREFUSED 127.0.0.1:8080')),
    ],
    [
      'throws synchronously',
      (): Promise<TransportResponse> => {
        throw new TypeError('fetch failed: connect ECONNREFUSED 127.0.0.1:8080');
      },
    ],
  ])('reports a transport that %s as network', async (_, broken) => {
    const error = await failure(createSwrClient(broken).listApiVersions());
    expect(error).toMatchObject({ kind: 'network', operation: 'listApiVersions' });
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.retryable).toBe(true);
  });

  it('redacts a secret a network error carries', async () => {
    const broken: Transport = () =>
      Promise.reject(new Error('proxy said Signature=0123456789abcdef0123456789abcdef'));
    const error = await failure(createSwrClient(broken).listApiVersions());
    expect(error.kind).toBe('network');
    expect(error.message).not.toContain('0123456789abcdef');
  });
});

describe('client.call', () => {
  it('exposes the status and the request id with the result', async () => {
    const { transport } = fakeTransport({ status: 201, headers: { 'X-Request-Id': 'req-201' } });
    const response = await createSwrClient(transport).call('createRepo', {
      params: { namespace: 'demo' },
      body: { repository: 'web/app', is_public: false },
    });
    expect(response).toEqual({ result: undefined, status: 201, requestId: 'req-201' });
  });

  it('returns the parsed result, and no request id when SWR sent none', async () => {
    const { transport } = fakeTransport({ body: namespace });
    const response = await createSwrClient(transport).call('showNamespace', {
      params: { namespace: 'demo' },
    });
    expect(response).toEqual({ result: namespace, status: 200, requestId: undefined });
  });

  it('has one function per operation', () => {
    const client = createSwrClient(fakeTransport().transport);
    for (const name of operationNames) expect(typeof client[name]).toBe('function');
  });
});

describe('types', () => {
  const client = createSwrClient(fakeTransport({ body: [] }).transport);

  it('infers results from the contract', () => {
    expectTypeOf(client.listRepositoryTags).returns.resolves.toEqualTypeOf<Page<TagDetail>>();
    expectTypeOf(client.createSecret).returns.resolves.toEqualTypeOf<LoginCommand>();
    expectTypeOf(client.listRetentionHistories).returns.resolves.toEqualTypeOf<
      Page<RetentionLog>
    >();
    expectTypeOf(client.showNamespace).returns.resolves.toEqualTypeOf<ShowNamespace>();
    expectTypeOf(client.deleteRepo).returns.resolves.toEqualTypeOf<undefined>();
    type CreateRepoResponse = Awaited<ReturnType<typeof client.call<'createRepo'>>>;
    expectTypeOf<CreateRepoResponse>().toEqualTypeOf<OperationResponse<'createRepo'>>();
    expectTypeOf<CreateRepoResponse['status']>().toEqualTypeOf<number>();
    expectTypeOf<CreateRepoResponse['requestId']>().toEqualTypeOf<string | undefined>();
  });

  it('makes missing required input a type error (and a runtime refusal)', async () => {
    const noParams = () =>
      // @ts-expect-error listRepositoryTags needs params
      client.listRepositoryTags({});
    const noInput = () =>
      // @ts-expect-error listRepositoryTags needs an input at all
      client.listRepositoryTags();
    const noBody = () =>
      // @ts-expect-error createNamespace needs a body
      client.createNamespace({});
    const noRepository = () =>
      // @ts-expect-error the repository is a required path parameter
      client.showRepository({ params: { namespace: 'demo' } });
    const wrongType = () =>
      client.createRepo({
        params: { namespace: 'demo' },
        // @ts-expect-error is_public is a boolean
        body: { repository: 'a', is_public: 'no' },
      });
    for (const call of [noParams, noInput, noBody, noRepository, wrongType]) {
      expect((await failure(call())).kind).toBe('invalid-request');
    }
    // Optional input may be left out entirely.
    const login = () => client.createSecret();
    expectTypeOf(login).returns.resolves.toEqualTypeOf<LoginCommand>();
  });
});
