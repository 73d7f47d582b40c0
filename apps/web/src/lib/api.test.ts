/** The BFF helper: every failure is a SwrError, and no request outlives its deadline. */
import { SwrError } from '@swr-dashboard/swr-client/browser';
import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { bffError } from '../../test/handlers';
import { server } from '../../test/server';
import { bff } from './api';
import { z } from './zod';

const answer = z.object({ ok: z.boolean() });

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
    server.use(http.get('/api/thing', () => HttpResponse.json({ ok: true })));
    await expect(bff(answer, '/api/thing')).resolves.toEqual({ ok: true });
  });

  it("turns the BFF's error into a SwrError with its code and request id", async () => {
    server.use(http.get('/api/thing', () => bffError(503, 'region_unavailable')));
    const error = await failure(bff(answer, '/api/thing'));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(503);
    expect(error.code).toBe('region_unavailable');
  });

  it('refuses an answer that is not JSON, or not of the expected shape', async () => {
    server.use(http.get('/api/thing', () => new HttpResponse('{"ok": tru', { status: 200 })));
    expect((await failure(bff(answer, '/api/thing'))).kind).toBe('invalid-response');
    server.use(http.get('/api/thing', () => HttpResponse.json({ ok: 'yes' })));
    expect((await failure(bff(answer, '/api/thing'))).kind).toBe('invalid-response');
  });

  it('gives up when the BFF does not answer within the deadline', async () => {
    server.use(
      http.get('/api/thing', async () => {
        await delay('infinite');
        return HttpResponse.json({ ok: true });
      }),
    );
    const error = await failure(bff(answer, '/api/thing', { deadlineMs: 50 }));
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe('/api/thing got no answer within 50 ms');
  });
});
