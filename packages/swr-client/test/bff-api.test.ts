/**
 * The BFF's own API as data: addresses built from an entry, paths a router registers, the audit
 * filters the BFF and the web share, and the error codes.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  auditListEndpoint,
  BFF_ENDPOINTS,
  BFF_ERROR_CODES,
  bffCodeOf,
  bffEndpoint,
  bffUrl,
  httpError,
  isBffErrorCode,
  pathUnder,
  type BffInput,
  type BffOutput,
} from '../src/index';
import { z } from '../src/zod';

const workloads = BFF_ENDPOINTS.workloads;

describe('bffUrl', () => {
  it('fills and encodes the path parameters', () => {
    expect(
      bffUrl(workloads, { params: { region: 'cn-north-4', cluster: 'a/b', namespace: 'x y' } }),
    ).toBe('/api/directory/cn-north-4/clusters/a%2Fb/namespaces/x%20y/workloads');
  });

  it('leaves empty and missing query values out', () => {
    expect(bffUrl(auditListEndpoint, { query: { user: '', limit: 5, outcome: undefined } })).toBe(
      '/api/audit?limit=5',
    );
    expect(bffUrl(auditListEndpoint, {})).toBe('/api/audit');
  });

  it('refuses a missing parameter instead of sending `:region`', () => {
    expect(() => bffUrl(workloads, { params: { region: 'r' } } as never)).toThrow(
      '/api/directory/:region/clusters/:cluster/namespaces/:namespace/workloads needs cluster',
    );
  });

  it('types parameters, query, body and answer from the entry', () => {
    const rename = bffEndpoint({
      method: 'POST',
      path: '/api/things/:name',
      body: z.object({ to: z.string() }),
      answer: z.object({ ok: z.boolean() }),
    });
    expectTypeOf<BffInput<typeof rename>>().toEqualTypeOf<
      { params: Record<'name', string> } & { query?: undefined } & { body: { to: string } }
    >();
    expectTypeOf<BffOutput<typeof rename>>().toEqualTypeOf<{ ok: boolean }>();
    expect(bffUrl(rename, { params: { name: 'a' }, body: { to: 'b' } })).toBe('/api/things/a');
  });
});

describe('pathUnder', () => {
  it('gives the path under a router’s mount, and refuses one outside it', () => {
    expect(pathUnder(BFF_ENDPOINTS.auditCsv, '/api')).toBe('/audit.csv');
    expect(pathUnder(BFF_ENDPOINTS.signOut, '/auth')).toBe('/logout');
    expect(pathUnder(BFF_ENDPOINTS.healthz, '')).toBe('/healthz');
    expect(() => pathUnder(BFF_ENDPOINTS.me, '/auth')).toThrow('/api/me is not under /auth');
  });

  it('has one entry per method and path', () => {
    const routes = Object.values(BFF_ENDPOINTS).map((e) => `${e.method} ${e.path}`);
    expect(new Set(routes).size).toBe(routes.length);
  });
});

describe('the audit filters', () => {
  const query = auditListEndpoint.query;

  it('reads the query string: counts as whole numbers, dates and date-times normalized to UTC', () => {
    expect(z.parse(query, { limit: '20', from: '2026-12-01' })).toEqual({
      limit: 20,
      from: '2026-12-01T00:00:00.000Z',
    });
    expect(z.parse(query, { to: '2026-12-01T08:30+08:00', offset: 5 })).toEqual({
      offset: 5,
      to: '2026-12-01T00:30:00.000Z',
    });
  });

  it('refuses a day the calendar does not have, and a time without its offset', () => {
    for (const from of ['2026-02-29', '2026-13-01', '2026-12-01T08:30', '2026-12-01T24:00Z']) {
      expect(z.safeParse(query, { from }).success, from).toBe(false);
    }
    expect(z.safeParse(query, { from: '2028-02-29' }).success).toBe(true);
  });

  it('refuses what the BFF refuses, where it is', () => {
    const paths = (input: unknown) =>
      z.safeParse(query, input).error?.issues.map((issue) => issue.path.join('.'));
    expect(paths({ limit: '1.5' })).toEqual(['limit']);
    expect(paths({ limit: '501' })).toEqual(['limit']);
    expect(paths({ from: '2026-12-02', to: '2026-12-01' })).toEqual(['to']);
    expect(paths({ actor: 'x' })).toEqual(['']);
  });
});

describe('error codes', () => {
  it('knows its own codes only', () => {
    expect(isBffErrorCode('outcome_unknown')).toBe(true);
    expect(isBffErrorCode('SVCSTG.SWR.4040010')).toBe(false);
    expect(isBffErrorCode('toString')).toBe(false);
    expect(BFF_ERROR_CODES.rate_limited).toBe(429);
  });

  it("reads the BFF's code from its answer, and nothing from SWR's own", () => {
    const bff = httpError({
      operation: 'x',
      status: 504,
      body: JSON.stringify({ code: 'outcome_unknown', message: 'm', requestId: 'r' }),
      requestId: 'r',
    });
    const swr = httpError({
      operation: 'x',
      status: 404,
      body: JSON.stringify({ errorCode: 'SVCSTG.SWR.4040010', errorMessage: 'm' }),
      requestId: 'r',
    });
    expect(bffCodeOf(bff)).toBe('outcome_unknown');
    expect(bffCodeOf(swr)).toBeUndefined();
    expect(bffCodeOf(new Error('x'))).toBeUndefined();
  });
});
