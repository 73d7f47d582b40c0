/**
 * The transport the web app uses: requests go to the BFF's `/api/swr/<region>` with `X-CSRF: 1`,
 * never following redirects. `fetch` is the network edge, recorded here.
 */
import { describe, expect, it } from 'vitest';
import { createBffTransport, createSwrClient, isSwrError } from '../src/index';

function recordingFetch(answer: {
  status: number;
  body: string;
  headers?: Record<string, string>;
}) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fake: typeof fetch = (input, init) => {
    calls.push({ url: input instanceof Request ? input.url : input.toString(), init: init ?? {} });
    return Promise.resolve(new Response(answer.body === '' ? null : answer.body, answer));
  };
  return { calls, fake };
}

describe('createBffTransport', () => {
  it('sends the contract call to the BFF path of the region, with X-CSRF and JSON', async () => {
    const { calls, fake } = recordingFetch({ status: 201, body: '' });
    const client = createSwrClient(createBffTransport({ region: 'cn-north-4', fetch: fake }));
    await client.createRepo({
      params: { namespace: 'team' },
      body: { repository: 'web/app', is_public: false },
    });
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.url).toBe('/api/swr/cn-north-4/v2/manage/namespaces/team/repos');
    const headers = new Headers(call?.init.headers);
    expect(headers.get('x-csrf')).toBe('1');
    expect(headers.get('content-type')).toBe('application/json');
    expect(call?.init).toMatchObject({
      method: 'POST',
      redirect: 'manual',
      credentials: 'same-origin',
    });
    expect(call?.init.body).toBe('{"repository":"web/app","is_public":false}');
  });

  it('keeps $ for repository paths, encodes the query, and reads pages and BFF errors', async () => {
    const page = recordingFetch({
      status: 200,
      body: '[]',
      headers: { 'content-range': '20-0/20' },
    });
    const client = createSwrClient(
      createBffTransport({
        region: 'cn-east-3',
        baseUrl: 'https://console.example',
        fetch: page.fake,
      }),
    );
    const result = await client.listRepositoryTags({
      params: { namespace: 'team', repository: 'web/app' },
      query: { limit: 10, offset: 20, tag: 'v1:2' },
    });
    expect(page.calls[0]?.url).toBe(
      'https://console.example/api/swr/cn-east-3/v2/manage/namespaces/team/repos/web$app/tags?limit=10&offset=20&tag=v1%3A2',
    );
    expect(result).toEqual({ items: [], offset: 20, count: 0, total: 20 });

    const denied = recordingFetch({
      status: 403,
      body: JSON.stringify({
        code: 'forbidden',
        message: 'needs admin',
        requestId: 'r1',
        reason: 'role',
      }),
    });
    const failing = createSwrClient(
      createBffTransport({ region: 'cn-north-4', fetch: denied.fake }),
    );
    const error: unknown = await failing
      .createNamespace({ body: { namespace: 'x' } })
      .catch((e: unknown) => e);
    expect(isSwrError(error)).toBe(true);
    expect(error).toMatchObject({
      status: 403,
      code: 'forbidden',
      reason: 'role',
      requestId: 'r1',
      shape: 'bff',
    });
  });
});
