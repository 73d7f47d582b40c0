/**
 * The proxy's steps one by one (src/proxy/steps): what each gives the browser and what it writes
 * into the call's audit record, without a server. The whole pipeline is covered by the stack
 * tests (audit, faults, proxy-guard); these pin the mapping each step owns.
 */
import { operations, SWR_ERRORS, type OperationName } from '@swr-dashboard/swr-client';
import type { Request, Response } from 'express';
import { describe, expect, it, vi } from 'vitest';
import type { AuditWriter } from '../src/audit/policies';
import type { AuditCompletion } from '../src/audit/trail';
import type { RegionConfig } from '../src/config/schema';
import { AppError } from '../src/http/errors';
import { Refusal, type Routed } from '../src/proxy/route';
import { accepted } from '../src/proxy/steps/accept';
import { interrupted, swrClock, upstreamPart } from '../src/proxy/steps/completion';
import type { ProxyDeps } from '../src/proxy/steps/deps';
import { auditingRefusals } from '../src/proxy/steps/refusals';
import { sent } from '../src/proxy/steps/send';
import {
  RegionUnavailable,
  UpstreamFailure,
  type Upstream,
  type UpstreamResponse,
} from '../src/proxy/upstream';

const REGION: RegionConfig = {
  id: 'cn-north-4',
  endpoint: 'https://swr-api.cn-north-4.myhuaweicloud.com',
};

function routedFor(name: OperationName, params: Record<string, string>): Routed {
  return {
    region: REGION,
    name,
    definition: operations[name],
    params,
    rawQuery: {},
    body: undefined,
    route: `/api/swr/:region${operations[name].path}`,
    targets: { targets: [], deploy: null, wholeAccount: false },
  };
}

const deleteTag = routedFor('deleteRepoTag', {
  namespace: 'team-a',
  repository: 'web/api',
  tag: 'v1',
});
const showRepo = routedFor('showRepository', { namespace: 'team-a', repository: 'web/api' });

function answer(status: number, body: string, headers: Record<string, string> = {}) {
  return {
    status,
    headers,
    body: Buffer.from(body),
    requestId: 'swr-1',
    latencyMs: 42,
    attempts: 1,
  } satisfies UpstreamResponse;
}

/** A finish that keeps what it was given. */
function recorder() {
  const calls: AuditCompletion[] = [];
  return { calls, finish: (completion: AuditCompletion) => calls.push(completion) };
}

describe('completion', () => {
  it("states SWR's side of a call with the path as sent and SWR's clock", () => {
    const part = upstreamPart(
      deleteTag,
      answer(204, '', { date: 'Tue, 15 Jan 2026 08:30:12 GMT' }),
      42,
      null,
    );
    expect(part).toEqual({
      method: 'DELETE',
      path: '/v2/manage/namespaces/team-a/repos/web$api/tags/v1',
      status: 204,
      code: null,
      requestId: 'swr-1',
      latencyMs: 42,
      date: '2026-01-15T08:30:12.000Z',
    });
  });

  it('leaves the date out when SWR sent none or a bad one, and the status when no answer', () => {
    expect(swrClock(answer(200, '', { date: 'yesterday' }))).toBeUndefined();
    expect(upstreamPart(deleteTag, undefined, 7, null)).not.toHaveProperty('date');
    expect(upstreamPart(deleteTag, undefined, 7, null)?.status).toBeNull();
  });

  it("an interrupted call keeps an AppError's status, else 500, and says it may have been sent", () => {
    expect(interrupted(new AppError('forbidden', 'no')).httpStatus).toBe(403);
    const completion = interrupted(new Error('boom'));
    expect(completion).toMatchObject({ outcome: 'failure', httpStatus: 500, upstream: null });
    expect(completion.reason).toMatch(/^internal: .*may or may not have been sent: boom$/);
  });
});

describe('accepted (mapping an answer)', () => {
  it('passes an empty 2xx without finishing the record (the answer step does that)', () => {
    const { calls, finish } = recorder();
    expect(accepted(deleteTag, answer(204, ''), finish)).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it("maps an SWR 4xx to our words, and finishes the record with SWR's code", () => {
    const { calls, finish } = recorder();
    const body = JSON.stringify({ errorCode: SWR_ERRORS.invalidParam.code, errorMessage: 'raw' });
    let thrown: unknown;
    try {
      accepted(deleteTag, answer(400, body), finish);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'upstream_rejected', status: 400 });
    expect((thrown as Error).message).not.toContain('raw');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      outcome: 'failure',
      httpStatus: 400,
      upstream: { status: 400, code: SWR_ERRORS.invalidParam.code, latencyMs: 42 },
    });
  });

  it("SWR's 401 about the console's key is a 502, not the user's sign-in problem", () => {
    const { calls, finish } = recorder();
    expect(() => accepted(deleteTag, answer(401, '{}'), finish)).toThrow(
      expect.objectContaining({ code: 'upstream_error', status: 502 }),
    );
    expect(calls[0]?.httpStatus).toBe(502);
  });

  it('a 2xx the contract does not allow is a 502 with the record finished as invalid', () => {
    const { calls, finish } = recorder();
    expect(() => accepted(showRepo, answer(200, 'not json'), finish)).toThrow(
      expect.objectContaining({ code: 'upstream_invalid_response', status: 502 }),
    );
    expect(calls).toEqual([
      expect.objectContaining({ outcome: 'failure', httpStatus: 502, reason: 'invalid response' }),
    ]);
  });
});

describe('sent (a call without an answer)', () => {
  const req = { requestId: 'req-1', identity: undefined } as unknown as Request;

  function depsFailingWith(error: Error): Pick<ProxyDeps, 'upstream' | 'config'> {
    const upstream = { send: () => Promise.reject(error) } as unknown as Upstream;
    return { upstream, config: {} as ProxyDeps['config'] };
  }

  it("a breaker's refusal: 503 region_unavailable, Retry-After, nothing upstream recorded", async () => {
    const { calls, finish } = recorder();
    const setHeader = vi.fn();
    const res = { setHeader } as unknown as Response;
    await expect(
      sent(
        depsFailingWith(new RegionUnavailable('cn-north-4', 2500, 20)),
        req,
        res,
        deleteTag,
        finish,
      ),
    ).rejects.toMatchObject({ code: 'region_unavailable', status: 503 });
    expect(setHeader).toHaveBeenCalledWith('Retry-After', '3');
    expect(calls).toEqual([expect.objectContaining({ outcome: 'failure', upstream: null })]);
    expect(calls[0]?.reason).toMatch(/^circuit-open: /);
  });

  it('a change whose answer was lost is outcome_unknown, recorded with the time it took', async () => {
    const { calls, finish } = recorder();
    const res = { setHeader: vi.fn() } as unknown as Response;
    const lost = new UpstreamFailure('network', 12, 'socket hang up', true);
    await expect(sent(depsFailingWith(lost), req, res, deleteTag, finish)).rejects.toMatchObject({
      code: 'outcome_unknown',
    });
    expect(calls[0]?.upstream).toMatchObject({ status: null, latencyMs: 12 });
    expect(calls[0]?.reason).toBe(
      'network: outcome unknown, the change may have been applied: socket hang up',
    );
  });

  it('an unexpected error goes on as it is, the record left for the pipeline to finish', async () => {
    const { calls, finish } = recorder();
    const res = { setHeader: vi.fn() } as unknown as Response;
    const bug = new TypeError('a bug');
    await expect(sent(depsFailingWith(bug), req, res, deleteTag, finish)).rejects.toBe(bug);
    expect(calls).toEqual([]);
  });
});

describe('auditingRefusals', () => {
  const record = vi.fn();
  const writer = { audit: { record }, logger: { error: vi.fn() } } as unknown as AuditWriter;
  const req = { requestId: 'req-2' } as unknown as Request;

  it("answers a refusal with its error; an unknown route's (no event) is not recorded", async () => {
    const notFound = new AppError('not_found', 'No such SWR operation.');
    await expect(
      auditingRefusals(writer, req, () => {
        throw new Refusal(notFound, null, '');
      }),
    ).rejects.toBe(notFound);
    expect(record).not.toHaveBeenCalled();
  });

  it('passes a result, and any other error, through untouched', async () => {
    await expect(auditingRefusals(writer, req, () => 7)).resolves.toBe(7);
    const other = new Error('other');
    await expect(
      auditingRefusals(writer, req, () => {
        throw other;
      }),
    ).rejects.toBe(other);
    expect(record).not.toHaveBeenCalled();
  });
});
