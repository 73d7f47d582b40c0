import { describe, expect, it } from 'vitest';
import {
  httpError,
  isSwrError,
  parseErrorBody,
  redactSecrets,
  retryAfterSeconds,
  SwrError,
} from '../src/errors';

const swrObject = {
  errorCode: 'SVCSTG.SWR.4001048',
  errorMessage: 'Invalid organization name',
  detail: '',
};

describe('parseErrorBody (docs/swr-api.md, Errors)', () => {
  it('reads the documented object', () => {
    expect(parseErrorBody(JSON.stringify(swrObject))).toEqual({
      code: 'SVCSTG.SWR.4001048',
      message: 'Invalid organization name',
      shape: 'swr',
    });
  });

  it('reads the object inside a one-element array, as the docs print it', () => {
    expect(parseErrorBody(JSON.stringify([swrObject]))).toEqual({
      code: 'SVCSTG.SWR.4001048',
      message: 'Invalid organization name',
      shape: 'swr',
    });
  });

  it('falls back to detail when errorMessage is empty', () => {
    expect(
      parseErrorBody(
        JSON.stringify({ errorCode: 'SVCSTG.SWR.4000014', errorMessage: '', detail: 'bad' }),
      ),
    ).toEqual({ code: 'SVCSTG.SWR.4000014', message: 'bad', shape: 'swr' });
    expect(parseErrorBody(JSON.stringify({ errorCode: 'SVCSTG.SWR.4000014' }))).toEqual({
      code: 'SVCSTG.SWR.4000014',
      shape: 'swr',
    });
  });

  it('reads {errors:[…]} as TF sees it', () => {
    const body = {
      errors: [
        { errorCode: 'SVCSTG.SWR.4000306', errorMessage: 'Retention policy not found' },
        { errorCode: 'SVCSTG.SWR.5000001', errorMessage: 'second' },
      ],
    };
    expect(parseErrorBody(JSON.stringify(body))).toEqual({
      code: 'SVCSTG.SWR.4000306',
      message: 'Retention policy not found',
      shape: 'swr-list',
    });
  });

  it('reads the gateway (APIG) shape with its request id', () => {
    const body = {
      error_code: 'APIGW.0301',
      error_msg: 'Incorrect IAM authentication information: verify aksk signature fail',
      request_id: 'apig-req-1',
    };
    expect(parseErrorBody(JSON.stringify(body))).toEqual({
      code: 'APIGW.0301',
      message: 'Incorrect IAM authentication information: verify aksk signature fail',
      requestId: 'apig-req-1',
      shape: 'apig',
    });
  });

  it.each([
    ['', 'empty'],
    ['Bad Gateway', 'plain text'],
    ['<html><body>502</body></html>', 'HTML'],
    ['{"errorCode":', 'truncated JSON'],
    ['null', 'null'],
    ['[]', 'an empty array'],
    ['{}', 'an empty object'],
    ['"SVCSTG.SWR.4000014"', 'a bare string'],
    ['42', 'a number'],
    ['{"errors":[]}', 'an empty errors list'],
    ['{"errors":[{"code":"x"}]}', 'errors without errorCode'],
    ['{"errorCode":42}', 'a non-string code'],
    ['{"message":"x","status":"y"}', 'another service shape'],
    ['{"code":"forbidden"}', 'a code without a message'],
  ])('gives shape none for %j (%s)', (body) => {
    expect(parseErrorBody(body)).toEqual({ shape: 'none' });
  });
});

describe('the BFF error shape', () => {
  it('reads code, message, request id, upstream, issues and reason', () => {
    const body = JSON.stringify({
      code: 'upstream_rejected',
      message: 'Organization already exists.',
      requestId: 'req-1',
      reason: 'scope',
      upstream: { status: 409, code: 'SVCSTG.SWR.4090060', requestId: 'up-1' },
      issues: [{ path: 'body.namespace', message: 'taken' }, { nonsense: true }],
    });
    expect(parseErrorBody(body)).toEqual({
      shape: 'bff',
      code: 'upstream_rejected',
      message: 'Organization already exists.',
      requestId: 'req-1',
      reason: 'scope',
      upstream: { status: 409, code: 'SVCSTG.SWR.4090060', requestId: 'up-1' },
      issues: [{ path: 'body.namespace', message: 'taken' }],
    });
    const error = httpError({
      operation: 'createNamespace',
      status: 409,
      body,
      requestId: undefined,
    });
    expect(error).toMatchObject({
      kind: 'http',
      status: 409,
      code: 'upstream_rejected',
      requestId: 'req-1',
      shape: 'bff',
      reason: 'scope',
      upstream: { status: 409, code: 'SVCSTG.SWR.4090060', requestId: 'up-1' },
    });
    expect(error.issues).toEqual([{ path: 'body.namespace', message: 'taken' }]);
  });
});

describe('httpError', () => {
  it('carries status, code, message and the X-Request-Id over the body request_id', () => {
    const error = httpError({
      operation: 'listNamespaces',
      status: 401,
      body: JSON.stringify({
        error_code: 'APIGW.0301',
        error_msg: 'verify aksk signature fail',
        request_id: 'from-body',
      }),
      requestId: 'from-header',
    });
    expect(error).toBeInstanceOf(SwrError);
    expect(error).toMatchObject({
      kind: 'http',
      operation: 'listNamespaces',
      status: 401,
      code: 'APIGW.0301',
      message: 'verify aksk signature fail',
      requestId: 'from-header',
      shape: 'apig',
    });
  });

  it('carries Retry-After in seconds, given as seconds or as a date', () => {
    const of = (retryAfter: string | null) =>
      httpError({
        operation: 'listNamespaces',
        status: 429,
        body: JSON.stringify({ code: 'rate_limited', message: 'Too many', requestId: 'r' }),
        requestId: 'r',
        retryAfter,
      }).retryAfter;
    expect(of('17')).toBe(17);
    expect(of(null)).toBeUndefined();
    expect(of('soon')).toBeUndefined();
    expect(
      retryAfterSeconds(
        new Date(Date.parse('2026-01-01T00:00:30Z')).toUTCString(),
        Date.parse('2026-01-01T00:00:00Z'),
      ),
    ).toBe(30);
    expect(
      retryAfterSeconds('Thu, 01 Jan 2026 00:00:00 GMT', Date.parse('2026-01-01T00:01:00Z')),
    ).toBe(0);
  });

  it("uses the body's request id when there is no header", () => {
    const error = httpError({
      operation: 'listNamespaces',
      status: 401,
      body: JSON.stringify({ error_code: 'APIGW.0301', error_msg: 'm', request_id: 'from-body' }),
      requestId: undefined,
    });
    expect(error.requestId).toBe('from-body');
  });

  it('says which operation and status when the body says nothing', () => {
    const error = httpError({
      operation: 'showNamespace',
      status: 502,
      body: 'Bad Gateway',
      requestId: undefined,
    });
    expect(error).toMatchObject({
      kind: 'http',
      status: 502,
      code: undefined,
      requestId: undefined,
      shape: 'none',
    });
    expect(error.message).toBe('SWR answered showNamespace with HTTP 502');
  });

  it('redacts secrets an error body echoes', () => {
    const error = httpError({
      operation: 'createSecret',
      status: 500,
      body: JSON.stringify({
        errorCode: 'SVCSTG.SWR.5000001',
        errorMessage: 'failed: docker login -u cn-north-4@AK1 -p s3cr3tT0ken swr.example',
      }),
      requestId: 'r',
    });
    expect(error.message).not.toContain('s3cr3tT0ken');
    expect(error.message).toContain('docker login -u cn-north-4@AK1 -p');
  });
});

describe('redactSecrets', () => {
  it.each([
    [
      'docker login -u cn-north-4@AKXX -p 0a1b2c3d4e swr.cn-north-4.myhuaweicloud.com',
      '0a1b2c3d4e',
    ],
    ['docker login --password=hunter2 host', 'hunter2'],
    ['docker login --password hunter2 host', 'hunter2'],
    [
      'Authorization: SDK-HMAC-SHA256 Access=AKTESTEXAMPLE0000001, SignedHeaders=content-type;host, Signature=343423060670a7e9bf8d9b01220437a340a8',
      'AKTESTEXAMPLE0000001',
    ],
    [
      'Authorization: SDK-HMAC-SHA256 Access=AKTESTEXAMPLE0000001, SignedHeaders=content-type;host, Signature=343423060670a7e9bf8d9b01220437a340a8',
      '343423060670a7e9bf8d9b01220437a340a8',
    ],
    ['X-Security-Token: gQpjbi1ub3J0aC00', 'gQpjbi1ub3J0aC00'],
    ['{"X-Security-Token":"gQpjbi1ub3J0aC00"}', 'gQpjbi1ub3J0aC00'],
    ["securityToken='gQpjbi1ub3J0aC00'", 'gQpjbi1ub3J0aC00'],
    ['X-Auth-Token: MIIxyzTOKEN', 'MIIxyzTOKEN'],
    ['{"token":"abc.def.ghi"}', 'abc.def.ghi'],
    ['sk=SKtestexample0000000000000000000000000001', 'SKtestexample0000000000000000000000000001'],
    ['{"password": "pa55word"}', 'pa55word'],
    ['Authorization: Bearer eyJhbGciOi.payload.sig', 'eyJhbGciOi.payload.sig'],
    ['{\\"auth\\":\\"dXNlcjpwYXNz\\"}', 'dXNlcjpwYXNz'],
    ['{\\"token\\":\\"abc123\\"}', 'abc123'],
    [
      '{"auths":{"swr.cn-north-4.myhuaweicloud.com":{"auth":"Y24tbm9ydGgtNEBBSzpwYXNz=="}}}',
      'Y24tbm9ydGgtNEBBSzpwYXNz==',
    ],
  ])('removes the secret from %j', (text, secret) => {
    const redacted = redactSecrets(text);
    expect(redacted).not.toContain(secret);
    expect(redacted).toContain('[redacted]');
  });

  it('keeps the words around a secret', () => {
    expect(redactSecrets('docker login -u user -p secret host')).toBe(
      'docker login -u user -p [redacted] host',
    );
    expect(redactSecrets('{"auth":"dXNlcjpwYXNz"}')).toBe('{"auth":"[redacted]"}');
  });

  it('leaves ordinary text alone', () => {
    for (const text of [
      'Invalid organization name',
      'Organization not found: demo',
      'limit must be 1–1000',
      'SVCSTG.SWR.4040058',
      'sync task: demo failed',
      'disk=full on the builder',
    ]) {
      expect(redactSecrets(text)).toBe(text);
    }
  });

  it('truncates long text to 500 characters and an ellipsis', () => {
    const redacted = redactSecrets('x'.repeat(2000));
    expect(redacted).toBe(`${'x'.repeat(500)}…`);
    expect(redactSecrets('y'.repeat(500))).toBe('y'.repeat(500));
  });

  it('redacts before truncating, so a secret past the cut is gone too', () => {
    const redacted = redactSecrets(`${'x '.repeat(245)}-p abcdefghijklmnopqrstuvwxyz`);
    expect(redacted).not.toContain('abcdefghij');
  });
});

describe('SwrError', () => {
  it('is an Error whose text and issues are redacted', () => {
    const error = new SwrError({
      kind: 'invalid-request',
      message: 'bad input near Signature=abcdef0123',
      issues: [{ path: 'body.password', message: 'password: hunter2 is weak' }],
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('SwrError');
    expect(isSwrError(error)).toBe(true);
    expect(isSwrError(new Error('x'))).toBe(false);
    expect(error.message).not.toContain('abcdef0123');
    expect(error.issues[0]?.path).toBe('body.password');
    expect(error.issues[0]?.message).not.toContain('hunter2');
  });

  it('keeps its cause', () => {
    const cause = new Error('root');
    expect(new SwrError({ kind: 'network', message: 'm', cause }).cause).toBe(cause);
  });

  const http = (status: number, code?: string) =>
    new SwrError({ kind: 'http', status, message: 'm', ...(code === undefined ? {} : { code }) });

  it.each([
    ['timeout', true, new SwrError({ kind: 'timeout', message: 'm' })],
    ['network', true, new SwrError({ kind: 'network', message: 'm' })],
    ['HTTP 500', true, http(500, 'SVCSTG.SWR.5000001')],
    ['HTTP 502 without a body', true, http(502)],
    ['HTTP 503', true, http(503)],
    ['HTTP 429', true, http(429)],
    ['SWR throttling 403 4031032', true, http(403, 'SVCSTG.SWR.4031032')],
    ['SWR throttling 403 4031042', true, http(403, 'SVCSTG.SWR.4031042')],
    ['SWR system busy 409 4090023', true, http(409, 'SVCSTG.SWR.4090023')],
    ['HTTP 400', false, http(400, 'SVCSTG.SWR.4000014')],
    ['HTTP 401', false, http(401, 'APIGW.0301')],
    ['HTTP 403 no permission', false, http(403, 'SVCSTG.SWR.4039002')],
    ['HTTP 404', false, http(404, 'SVCSTG.SWR.4040058')],
    ['HTTP 409 exists', false, http(409, 'SVCSTG.SWR.4090060')],
    ['invalid-request', false, new SwrError({ kind: 'invalid-request', message: 'm' })],
    ['invalid-response', false, new SwrError({ kind: 'invalid-response', message: 'm' })],
    ['aborted', false, new SwrError({ kind: 'aborted', message: 'm' })],
  ])('after %s, retryable is %s', (_, retryable, error) => {
    expect(error.retryable).toBe(retryable);
  });
});
