/**
 * The BFF client: it calls an endpoint as its contract entry says (method, path parameters,
 * query, body, the CSRF header), every failure is a SwrError, and no request outlives its
 * deadline.
 */
import { bffEndpoint, SwrError } from '@swr-dashboard/swr-client/browser';
import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { bffError } from '../../test/handlers';
import { server } from '../../test/server';
import { bff } from './api';
import { z } from './zod';

const thing = bffEndpoint({
  method: 'GET',
  path: '/api/things/:name',
  query: z.object({ limit: z.optional(z.number()), tag: z.optional(z.string()) }),
  answer: z.object({ ok: z.boolean() }),
});

const renameThing = bffEndpoint({
  method: 'POST',
  path: '/api/things/:name/rename',
  body: z.object({ to: z.string() }),
  answer: z.object({ ok: z.boolean() }),
});

async function failure(promise: Promise<unknown>): Promise<SwrError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof SwrError)) throw new Error(`expected a SwrError, got ${String(error)}`);
  return error;
}

describe('bff()', () => {
  it('returns the parsed answer', async () => {
    server.use(http.get('/api/things/a', () => HttpResponse.json({ ok: true })));
    await expect(bff(thing, { params: { name: 'a' } })).resolves.toEqual({ ok: true });
  });

  it('fills the path parameters, leaves empty query values out, and sends the CSRF header', async () => {
    let seen: { url: string; csrf: string | null } | undefined;
    server.use(
      http.get('/api/things/:name', ({ request }) => {
        seen = { url: request.url, csrf: request.headers.get('x-csrf') };
        return HttpResponse.json({ ok: true });
      }),
    );
    await bff(thing, { params: { name: 'a b/c' }, query: { limit: 5, tag: '' } });
    expect(seen).toEqual({ url: 'http://localhost:3000/api/things/a%20b%2Fc?limit=5', csrf: '1' });
  });

  it("sends a body as JSON with the endpoint's method", async () => {
    let body: unknown;
    server.use(
      http.post('/api/things/:name/rename', async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ ok: true });
      }),
    );
    await bff(renameThing, { params: { name: 'a' }, body: { to: 'b' } });
    expect(body).toEqual({ to: 'b' });
  });

  it("turns the BFF's error into a SwrError with its code and request id", async () => {
    server.use(http.get('/api/things/a', () => bffError(503, 'region_unavailable')));
    const error = await failure(bff(thing, { params: { name: 'a' } }));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(503);
    expect(error.code).toBe('region_unavailable');
  });

  it('refuses an answer that is not JSON, or not of the expected shape', async () => {
    server.use(http.get('/api/things/a', () => new HttpResponse('{"ok": tru', { status: 200 })));
    expect((await failure(bff(thing, { params: { name: 'a' } }))).kind).toBe('invalid-response');
    server.use(http.get('/api/things/a', () => HttpResponse.json({ ok: 'yes' })));
    expect((await failure(bff(thing, { params: { name: 'a' } }))).kind).toBe('invalid-response');
  });

  it('gives up when the BFF does not answer within the deadline', async () => {
    server.use(
      http.get('/api/things/a', async () => {
        await delay('infinite');
        return HttpResponse.json({ ok: true });
      }),
    );
    const error = await failure(bff(thing, { params: { name: 'a' } }, { deadlineMs: 50 }));
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe('/api/things/:name got no answer within 50 ms');
  });
});
