/**
 * How the official SDK behaves against the emulator, beyond what the conformance scenarios
 * compare: what its exceptions carry, what it prints, what it sends as its user agent, and the
 * runtime shape of its answers (which its TypeScript types misstate).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClientRequestException } from '@huaweicloud/huaweicloud-sdk-core/exception/ClientRequestException';
import { Logger4jInstance } from '@huaweicloud/huaweicloud-sdk-core/logger/log4jLogger';
import * as S from '@huaweicloud/huaweicloud-sdk-swr';
import { operationNames, operations, SWR_ERRORS, SwrError } from '@swr-dashboard/swr-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_CREDENTIALS } from '../../src/index';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { at, containing, HOUR, MAIN, matching, T0 } from './harness';
import { createSdkClient, SDK_OPERATIONS, SDK_USER_AGENT, sdkSuccess } from './sdk';

const UUID_MATCH = matching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

describe('the official SDK against the emulator', () => {
  let fixture: TestEmulator;
  let strict: S.SwrClient;
  let lenient: S.SwrClient;
  beforeAll(async () => {
    fixture = await startTestEmulator({ clock: () => new Date(T0) });
    strict = createSdkClient(fixture.url(MAIN), fixture.credentials(MAIN), 'strict');
    lenient = createSdkClient(fixture.url(MAIN), fixture.credentials(MAIN), 'lenient');
  });
  afterAll(() => fixture.close());

  it('has a method for every contract operation, under the contract’s name', () => {
    expect(Object.keys(SDK_OPERATIONS)).toEqual(operationNames);
    for (const name of operationNames) {
      expect(operations[name].name).toBe(name);
      expect(typeof (S.SwrClient.prototype as unknown as Record<string, unknown>)[name]).toBe(
        'function',
      );
    }
  });

  it('hides SWR’s error code in its exceptions; only a lenient client reads it; ours does', async () => {
    const request = () => new S.ShowNamespaceRequest().withNamespace('missing');
    const error = await rejection(strict.showNamespace(request()));
    expect(error).toBeInstanceOf(ClientRequestException);
    expect(error).toMatchObject({
      httpStatusCode: 404,
      errorCode: undefined,
      errorMsg: 'Request failed with status code 404',
      requestId: UUID_MATCH,
    });

    const raw: unknown = await lenient.showNamespace(request());
    expect(raw).toEqual({
      errorCode: SWR_ERRORS.namespaceNotFound.code,
      errorMessage: containing('Organization not found'),
      detail: '',
      httpStatusCode: 404,
    });

    const ours = await rejection(
      fixture.client(MAIN).showNamespace({ params: { namespace: 'missing' } }),
    );
    expect(ours).toBeInstanceOf(SwrError);
    expect(ours).toMatchObject({
      kind: 'http',
      status: 404,
      code: SWR_ERRORS.namespaceNotFound.code,
      shape: 'swr',
      requestId: UUID_MATCH,
    });
  });

  it('reads SWR’s `{errors: [...]}` body only through a lenient client; ours reads it', async () => {
    await fixture.client(MAIN).createNamespace({ body: { namespace: 'shop' } });
    await fixture.client(MAIN).createRepo({
      params: { namespace: 'shop' },
      body: { repository: 'web/app', is_public: false },
    });
    const request = () =>
      new S.DeleteRetentionRequest()
        .withNamespace('shop')
        .withRepository('web$app')
        .withRetentionId(7);
    const error = await rejection(strict.deleteRetention(request()));
    expect(error).toMatchObject({ httpStatusCode: 400, errorCode: undefined });
    const raw: unknown = await lenient.deleteRetention(request());
    expect(raw).toEqual({
      errors: [
        {
          errorCode: SWR_ERRORS.retentionNotFound.code,
          errorMessage: containing('Retention policy not found'),
        },
      ],
      httpStatusCode: 400,
    });
    const ours = await rejection(
      fixture.client(MAIN).deleteRetention({
        params: { namespace: 'shop', repository: 'web/app', retention_id: 7 },
      }),
    );
    expect(ours).toMatchObject({
      status: 400,
      code: SWR_ERRORS.retentionNotFound.code,
      shape: 'swr-list',
    });
  });

  it('does carry the gateway’s code (a bad signature) in its exceptions', async () => {
    const wrong = createSdkClient(
      fixture.url(MAIN),
      { ...fixture.credentials(MAIN), sk: 'not-the-secret-key-of-this-access-key-000' },
      'strict',
    );
    const error = await rejection(wrong.listApiVersions(new S.ListApiVersionsRequest()));
    expect(error).toBeInstanceOf(ClientRequestException);
    expect(error).toMatchObject({
      httpStatusCode: 401,
      errorCode: 'APIGW.0301',
      errorMsg: containing('verify aksk signature fail'),
      requestId: UUID_MATCH,
    });
    // A project id of another region is refused the same way.
    const foreign = createSdkClient(
      fixture.url(MAIN),
      { ...fixture.credentials(MAIN), projectId: fixture.credentials('cn-east-3').projectId },
      'strict',
    );
    const refused = await rejection(foreign.listNamespaces(new S.ListNamespacesRequest()));
    expect(refused).toMatchObject({ httpStatusCode: 401, errorCode: 'APIGW.0301' });
  });

  it('prints nothing on errors once silenced; unsilenced it would print the Authorization header', async () => {
    const written: string[] = [];
    const capture = (chunk: unknown) => {
      written.push(String(chunk));
      return true;
    };
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    try {
      await rejection(strict.showNamespace(new S.ShowNamespaceRequest().withNamespace('missing')));
      expect(written).toEqual([]);

      // The control: what importing ./sdk prevents. Captured here, never printed.
      Logger4jInstance.level = 'error';
      try {
        await rejection(strict.showNamespace(new S.ShowNamespaceRequest().withNamespace('nope')));
      } finally {
        Logger4jInstance.level = 'off';
      }
      expect(written.join('')).toContain(`SDK-HMAC-SHA256 Access=${DEMO_CREDENTIALS.ak}`);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  });

  it('sends its custom user agent, so it never touches ~/.huaweicloud/application_id', async () => {
    let seen: IncomingHttpHeaders | undefined;
    const server = createServer((req, res) => {
      seen = req.headers;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"versions":[]}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const client = createSdkClient(
        `http://127.0.0.1:${port}`,
        fixture.credentials(MAIN),
        'strict',
      );
      await client.listApiVersions(new S.ListApiVersionsRequest());
    } finally {
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
    }
    expect(seen?.['user-agent']).toBe(`huaweicloud-usdk-nodejs/3.0; ${SDK_USER_AGENT}`);
    expect(seen?.['x-project-id']).toBe(fixture.credentials(MAIN).projectId);
    expect(seen?.authorization).toMatch(
      /^SDK-HMAC-SHA256 Access=\w+, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$/,
    );
  });

  it('answers a list with an Array carrying Content-Range, not with the typed `.body`', async () => {
    await fixture.push({ namespace: 'shop', repository: 'web/app', tag: 'v1' });
    const raw: unknown = await strict.listRepositoryTags(
      new S.ListRepositoryTagsRequest().withNamespace('shop').withRepository('web$app'),
    );
    expect(Array.isArray(raw)).toBe(true);
    const list = raw as Record<string, unknown>[] & Record<string, unknown>;
    expect([list['Content-Range'], list.httpStatusCode, list.body]).toEqual([
      '0-1/1',
      200,
      undefined,
    ]);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ Tag: 'v1' });
    expect(list[0]?.tag).toBeUndefined();
    expect(sdkSuccess('listRepositoryTags', raw)).toMatchObject({
      status: 200,
      data: { offset: 0, count: 1, total: 1, items: [expect.objectContaining({ Tag: 'v1' })] },
    });
  });

  it('createSecret: the SDK drops X-Swr-Expireat, which our client reads', async () => {
    const raw = (await strict.createSecret(new S.CreateSecretRequest())) as unknown as Record<
      string,
      unknown
    >;
    const registry = 'swr.cn-north-4.myhuaweicloud.com';
    expect(Object.keys(raw).sort()).toEqual(['X-Swr-Dockerlogin', 'auths', 'httpStatusCode']);
    const header = raw['X-Swr-Dockerlogin'];
    const login = typeof header === 'string' ? header : '';
    const parts = /^docker login -u (\S+) -p (\S+)$/.exec(login);
    const auths = raw.auths as Record<string, { auth: string } | undefined>;
    expect(Buffer.from(auths[registry]?.auth ?? '', 'base64').toString()).toBe(
      `${parts?.[1] ?? '?'}:${parts?.[2] ?? '?'}`,
    );

    const ours = await fixture.client(MAIN).createSecret();
    expect(ours).toEqual({
      registry,
      headerCommand: login,
      command: `${login} ${registry}`,
      // SWR's temporary login lasts 6 hours.
      expiresAt: at(6 * HOUR),
    });
  });
});
