/**
 * Test fixture: an emulator in memory on free ports, with a typed client and a raw signed fetch
 * for each region. Each test file starts its own, so tests never share state by accident.
 */
import {
  createSignedTransport,
  createSwrClient,
  formatQueryString,
  signRequest,
  type QueryPairs,
  type SigningCredentials,
  type SwrClient,
} from '@swr-dashboard/swr-client';
import {
  DEMO_CREDENTIALS,
  PARTNER_CREDENTIALS,
  defaultRegions,
  startEmulator,
  type PushBody,
  type PushResult,
  type RunningEmulator,
  type StartOptions,
} from '../../src/index';

export const MAIN = 'cn-north-4';
export const EAST = 'cn-east-3';

export interface RawRequest {
  method: string;
  /** The path as sent (e.g. `/v2/manage/namespaces/demo/repos/web$app`). */
  path: string;
  query?: QueryPairs;
  /** A JSON value, sent as JSON. */
  json?: unknown;
  /** Exact body text, when the test wants malformed or odd bodies. */
  body?: string;
  /** Extra headers, signed with the request. */
  headers?: Record<string, string>;
  credentials?: SigningCredentials;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is empty or not JSON. */
  json: unknown;
}

export interface TestEmulator {
  emulator: RunningEmulator;
  url(region?: string): string;
  /** Demo-account credentials with the region's project id. */
  credentials(region?: string, account?: 'demo-ops' | 'partner-corp'): SigningCredentials;
  client(region?: string, account?: 'demo-ops' | 'partner-corp'): SwrClient;
  raw(region: string, request: RawRequest): Promise<RawResponse>;
  push(body: PushBody, region?: string): Promise<PushResult>;
  close(): Promise<void>;
}

export async function startTestEmulator(options: StartOptions = {}): Promise<TestEmulator> {
  const emulator = await startEmulator({
    ...options,
    config: { database: ':memory:', regions: defaultRegions(0), ...options.config },
  });
  const url = (region = MAIN) => {
    const found = emulator.regions.find((candidate) => candidate.id === region);
    if (found === undefined) throw new Error(`no region ${region}`);
    return found.url;
  };
  const credentials = (region = MAIN, account: 'demo-ops' | 'partner-corp' = 'demo-ops') => ({
    ...(account === 'demo-ops' ? DEMO_CREDENTIALS : PARTNER_CREDENTIALS),
    projectId: emulator.projectId(account, region),
  });
  const raw = async (region: string, request: RawRequest): Promise<RawResponse> => {
    const body =
      request.body ?? (request.json === undefined ? undefined : JSON.stringify(request.json));
    const query = request.query ?? [];
    const signed = signRequest({
      method: request.method,
      url: `${url(region)}${request.path}`,
      query,
      headers: { 'Content-Type': 'application/json', ...request.headers },
      body: body ?? '',
      credentials: request.credentials ?? credentials(region),
    });
    const queryString = formatQueryString(query);
    const response = await fetch(
      `${url(region)}${request.path}${queryString === '' ? '' : `?${queryString}`}`,
      { method: request.method, headers: signed, ...(body === undefined ? {} : { body }) },
    );
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  };
  return {
    emulator,
    url,
    credentials,
    client: (region = MAIN, account: 'demo-ops' | 'partner-corp' = 'demo-ops') =>
      createSwrClient(
        createSignedTransport({ endpoint: url(region), credentials: credentials(region, account) }),
      ),
    raw,
    async push(body, region = MAIN) {
      const response = await raw(region, { method: 'POST', path: '/emulator/push', json: body });
      if (response.status !== 200) {
        throw new Error(`push answered ${response.status}: ${response.text}`);
      }
      return response.json as PushResult;
    },
    close: () => emulator.close(),
  };
}
