/**
 * Running one scenario through both clients. A scenario is written once against a {@link Side};
 * {@link runBoth} runs it through the official SDK against one fresh emulator, then through our
 * client (`createSwrClient`) against another, each with the same business clock, and checks that
 * both ran clean and observed the same answers, step by step.
 */
import { ServiceResponseException } from '@huaweicloud/huaweicloud-sdk-core/exception/ServiceResponseException';
import type { SwrClient as SdkClient } from '@huaweicloud/huaweicloud-sdk-swr';
import {
  APIG_SIGNATURE_ERROR,
  createSignedTransport,
  createSwrClient,
  SWR_ERRORS,
  SwrError,
  type LoginCommand,
  type OperationInput,
  type OperationName,
  type OperationResult,
  type SigningCredentials,
  type SwrClient,
  type SwrErrorKey,
} from '@swr-dashboard/swr-client';
import { expect } from 'vitest';
import { stableId, type PushBody, type PushResult } from '../../src/index';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { recordCall, type ClientKind } from './coverage';
import {
  createSdkClient,
  SDK_OPERATIONS,
  sdkErrorCode,
  sdkStatus,
  sdkSuccess,
  type LooseInput,
  type SdkMode,
} from './sdk';

export const MAIN = 'cn-north-4';
export const EAST = 'cn-east-3';
export const SOUTHEAST = 'ap-southeast-3';

/** The demo account's IAM user, as `self_auth` and `creator_name` show it. */
export const OPS_ADMIN = { id: stableId('user', 'demo-ops', 'ops-admin'), name: 'ops-admin' };

/** A demo CCE cluster of the emulator's configuration (`legacy` is unavailable). */
export function clusterId(region: string, stage: 'prod' | 'staging' | 'legacy'): string {
  return stableId('cluster', region, stage);
}

/** Where every scenario's business clock starts. */
export const T0 = '2025-06-01T00:00:00.000Z';
export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

/** `T0` moved by `offsetMs`, as an ISO time. */
export function at(offsetMs: number): string {
  return new Date(Date.parse(T0) + offsetMs).toISOString();
}

export type Account = 'demo-ops' | 'partner-corp';

export interface CallOptions {
  region?: string;
  account?: Account;
  /** `wrong-sk` signs with a secret key that does not belong to the access key. */
  signature?: 'valid' | 'wrong-sk';
}

/** What a call returns in both clients' common form: our client's results (no login expiry). */
export type Data<N extends OperationName> = N extends 'createSecret'
  ? Omit<LoginCommand, 'expiresAt'>
  : OperationResult<N>;

export type Outcome<T> =
  { ok: true; status: number; data: T } | { ok: false; status: number; code: string | undefined };

export interface Side {
  readonly kind: ClientKind;
  call<N extends OperationName>(
    name: N,
    input: OperationInput<N>,
    options?: CallOptions,
  ): Promise<Outcome<Data<N>>>;
  /** A simulated `docker push` into this side's emulator. */
  push(body: PushBody, region?: string): Promise<PushResult>;
  /** Sets SWR's business clock of this side's emulator. */
  setTime(iso: string): void;
}

type TraceEntry = { call: string; outcome: Outcome<unknown> } | { push: string; result: unknown };

interface TracedSide extends Side {
  trace: TraceEntry[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const WRONG_SK = 'not-the-secret-key-of-this-access-key-000';

function describeCall(name: string, options: CallOptions): string {
  const who = options.account === undefined ? '' : ` as ${options.account}`;
  const how = options.signature === 'wrong-sk' ? ' (wrong sk)' : '';
  return `${name} @${options.region ?? MAIN}${who}${how}`;
}

function credentialsOf(fixture: TestEmulator, options: CallOptions): SigningCredentials {
  const credentials = fixture.credentials(options.region ?? MAIN, options.account ?? 'demo-ops');
  return options.signature === 'wrong-sk' ? { ...credentials, sk: WRONG_SK } : credentials;
}

/** Replaces the emulator's per-run URLs (free ports) by `<region>`, so runs compare. */
function scrubUrls(fixture: TestEmulator, value: unknown): unknown {
  if (typeof value === 'string') {
    return fixture.emulator.regions.reduce(
      (text, region) => text.replaceAll(region.url, `<${region.id}>`),
      value,
    );
  }
  if (Array.isArray(value)) return value.map((item: unknown) => scrubUrls(fixture, item));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, scrubUrls(fixture, item)]),
    );
  }
  return value;
}

function baseSide(fixture: TestEmulator, clock: { now: number }, kind: ClientKind) {
  const trace: TraceEntry[] = [];
  return {
    kind,
    trace,
    async push(body: PushBody, region = MAIN): Promise<PushResult> {
      const result = await fixture.push(body, region);
      trace.push({ push: `${region} ${body.namespace}/${body.repository}:${body.tag}`, result });
      return result;
    },
    setTime(iso: string): void {
      clock.now = Date.parse(iso);
    },
    record(name: OperationName, options: CallOptions, outcome: Outcome<unknown>) {
      recordCall(kind, name, outcome.ok ? 'success' : 'error', outcome.ok ? undefined : outcome);
      const scrubbed: Outcome<unknown> = outcome.ok
        ? { ...outcome, data: scrubUrls(fixture, outcome.data) }
        : outcome;
      trace.push({ call: describeCall(name, options), outcome: scrubbed });
      return scrubbed;
    },
  };
}

/** The official SDK: a strict client for every call, a lenient one to read error bodies. */
function sdkSide(fixture: TestEmulator, clock: { now: number }): TracedSide {
  const base = baseSide(fixture, clock, 'sdk');
  const clients = new Map<string, SdkClient>();
  const client = (mode: SdkMode, options: CallOptions): SdkClient => {
    const key = `${mode} ${describeCall('', options)}`;
    let built = clients.get(key);
    if (built === undefined) {
      built = createSdkClient(
        fixture.url(options.region ?? MAIN),
        credentialsOf(fixture, options),
        mode,
      );
      clients.set(key, built);
    }
    return built;
  };
  return {
    ...base,
    async call<N extends OperationName>(
      name: N,
      input: OperationInput<N>,
      options: CallOptions = {},
    ): Promise<Outcome<Data<N>>> {
      const send = SDK_OPERATIONS[name];
      const loose = input as LooseInput;
      let outcome: Outcome<unknown>;
      try {
        const { status, data } = sdkSuccess(name, await send(client('strict', options), loose));
        outcome = { ok: true, status, data };
      } catch (error) {
        if (!(error instanceof ServiceResponseException)) throw error;
        const status = error.httpStatusCode;
        if (typeof status !== 'number') throw error;
        // The strict client hides SWR's code; the lenient one resolves with the error body.
        const raw = await send(client('lenient', options), loose);
        const code = sdkErrorCode(raw);
        expect(sdkStatus(raw), `${name}: the lenient SDK client saw another status`).toBe(status);
        // What SDK users get: status and request id, SWR's code only for the gateway's shape.
        expect(error.requestId, `${name}: SDK exception without requestId`).toMatch(UUID);
        expect(error.errorCode, `${name}: SDK exception errorCode`).toBe(
          code?.startsWith('APIGW.') === true ? code : undefined,
        );
        outcome = { ok: false, status, code };
      }
      return base.record(name, options, outcome) as Outcome<Data<N>>;
    },
  };
}

/** Our client, `createSwrClient` over the signed transport, as the fixture builds it. */
function ourSide(fixture: TestEmulator, clock: { now: number }): TracedSide {
  const base = baseSide(fixture, clock, 'ours');
  const client = (options: CallOptions): SwrClient =>
    options.signature === 'wrong-sk'
      ? createSwrClient(
          createSignedTransport({
            endpoint: fixture.url(options.region ?? MAIN),
            credentials: credentialsOf(fixture, options),
          }),
        )
      : fixture.client(options.region ?? MAIN, options.account ?? 'demo-ops');
  return {
    ...base,
    async call<N extends OperationName>(
      name: N,
      input: OperationInput<N>,
      options: CallOptions = {},
    ): Promise<Outcome<Data<N>>> {
      let outcome: Outcome<unknown>;
      try {
        const response = await client(options).call(name, input);
        outcome = { ok: true, status: response.status, data: withoutExpiry(response.result) };
      } catch (error) {
        if (!(error instanceof SwrError) || error.kind !== 'http' || error.status === undefined) {
          throw error;
        }
        expect(error.requestId, `${name}: SwrError without requestId`).toMatch(UUID);
        outcome = { ok: false, status: error.status, code: error.code };
      }
      return base.record(name, options, outcome) as Outcome<Data<N>>;
    },
  };
}

/**
 * A side over an emulator the caller started. `setTime` moves `clock`, which only matters when the
 * emulator was started with it.
 */
export function sideFor(
  kind: ClientKind,
  fixture: TestEmulator,
  clock: { now: number } = { now: Date.parse(T0) },
): Side {
  return kind === 'sdk' ? sdkSide(fixture, clock) : ourSide(fixture, clock);
}

/** The SDK cannot see `X-Swr-Expireat`; our client's login command is compared without it. */
function withoutExpiry(result: unknown): unknown {
  if (typeof result === 'object' && result !== null && 'headerCommand' in result) {
    const { expiresAt: _, ...rest } = result as LoginCommand;
    return rest;
  }
  return result;
}

/**
 * Runs a scenario through the SDK, then through our client, each against a fresh emulator whose
 * business clock starts at {@link T0}. Both runs must pass the scenario's own expectations, and
 * observe the same statuses, data and error codes at every step.
 */
export async function runBoth(scenario: (side: Side) => Promise<void>): Promise<void> {
  const traces: Partial<Record<ClientKind, TraceEntry[]>> = {};
  const failures: { kind: ClientKind; error: unknown }[] = [];
  for (const kind of ['sdk', 'ours'] as const) {
    const clock = { now: Date.parse(T0) };
    const fixture = await startTestEmulator({ clock: () => new Date(clock.now) });
    const side = kind === 'sdk' ? sdkSide(fixture, clock) : ourSide(fixture, clock);
    try {
      await scenario(side);
    } catch (error) {
      failures.push({ kind, error });
    } finally {
      traces[kind] = side.trace;
      await fixture.close();
    }
  }
  const [first, second] = failures;
  if (first !== undefined) {
    const label = first.kind === 'sdk' ? '[through the SDK]' : '[through our client]';
    const also =
      second === undefined
        ? ''
        : `\n[also through our client] ${second.error instanceof Error ? second.error.message : String(second.error)}`;
    if (first.error instanceof Error) {
      first.error.message = `${label} ${first.error.message}${also}`;
      throw first.error;
    }
    throw new Error(`${label} ${String(first.error)}${also}`);
  }
  expect(traces.ours, 'our client and the SDK observed different answers').toEqual(traces.sdk);
}

/** Asymmetric matchers, typed `unknown` so they sit in typed literals without `any`. */
export const anyNumber: unknown = expect.any(Number);
export const anyHexId: unknown = expect.stringMatching(/^[0-9a-f]{32}$/);
export function matching(pattern: RegExp): unknown {
  return expect.stringMatching(pattern);
}
export function containing(text: string): unknown {
  return expect.stringContaining(text);
}
export function objectContaining(object: Record<string, unknown>): unknown {
  return expect.objectContaining(object);
}

/** Asserts a success with this status and returns its data. */
export function expectOk<T>(outcome: Outcome<T>, status: number): T {
  expect(outcome).toEqual(expect.objectContaining({ ok: true, status }));
  if (!outcome.ok) throw new Error('unreachable: the outcome is an error');
  return outcome.data;
}

/** Asserts SWR's error from the catalogue: its HTTP status and its code. */
export function expectSwrError(outcome: Outcome<unknown>, key: SwrErrorKey): void {
  const { status, code } = SWR_ERRORS[key];
  expect(outcome).toEqual({ ok: false, status, code });
}

/** Asserts the gateway's answer to a bad signature. */
export function expectSignatureError(outcome: Outcome<unknown>): void {
  expect(outcome).toEqual({
    ok: false,
    status: APIG_SIGNATURE_ERROR.status,
    code: APIG_SIGNATURE_ERROR.code,
  });
}

/** Creates an organization (in `region`) and asserts it worked. */
export async function createOrganization(side: Side, namespace: string, region = MAIN) {
  expectOk(await side.call('createNamespace', { body: { namespace } }, { region }), 201);
}

/** Creates an organization and a private repository in it. */
export async function createRepository(
  side: Side,
  namespace: string,
  repository: string,
  region = MAIN,
) {
  await createOrganization(side, namespace, region);
  expectOk(
    await side.call(
      'createRepo',
      { params: { namespace }, body: { repository, is_public: false, category: 'app_server' } },
      { region },
    ),
    201,
  );
}

/** A scenario of one area of the API, run through both clients. */
export interface Scenario {
  name: string;
  run: (side: Side) => Promise<void>;
}

export interface Area {
  name: string;
  scenarios: Scenario[];
}
