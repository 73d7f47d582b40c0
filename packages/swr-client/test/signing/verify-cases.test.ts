/** Example-based checks of `verifySignature` edge cases and of its documented choices. */
import { describe, expect, it } from 'vitest';
import {
  formatSdkDate,
  sha256Hex,
  signRequest,
  verifySignature,
  type SigningCredentials,
  type VerifySignatureInput,
} from '../../src/signing/signer';
import { sdkCredentials, sdkSign } from './official';

const AK = 'AKTESTEXAMPLE0000001';
const SK = 'SKtestexample0000000000000000000000000001';
const signedAt = new Date('2024-01-02T03:04:05Z');
const utf8 = new TextEncoder();

/** Signs a POST with our signer and returns the server's view of it. */
function wire(
  options: {
    credentials?: SigningCredentials;
    headers?: Record<string, string>;
    body?: string;
    path?: string;
    rawPath?: string;
    rawQuery?: string;
    query?: [string, string][];
  } = {},
): VerifySignatureInput {
  const credentials = options.credentials ?? { ak: AK, sk: SK };
  const body = options.body ?? '{"namespace":"group"}';
  const signed = signRequest({
    method: 'POST',
    url: `http://127.0.0.1:8080${options.path ?? '/v2/manage/namespaces'}`,
    query: options.query,
    headers: options.headers,
    body,
    credentials,
    date: signedAt,
  });
  const headers: Record<string, string> = { host: '127.0.0.1:8080' };
  for (const [name, value] of Object.entries(signed)) headers[name.toLowerCase()] = value;
  return {
    method: 'POST',
    rawPath: options.rawPath ?? options.path ?? '/v2/manage/namespaces',
    rawQuery: options.rawQuery ?? '',
    headers,
    body: utf8.encode(body),
    now: signedAt,
    lookup: (ak) =>
      ak === credentials.ak
        ? { sk: credentials.sk, securityToken: credentials.securityToken }
        : undefined,
  };
}

describe('verifySignature', () => {
  it('accepts a skew of exactly the window and rejects one second more, either way', () => {
    const at = (ms: number): Date => new Date(signedAt.getTime() + ms);
    const window = 15 * 60_000;
    expect(verifySignature({ ...wire(), now: at(window) }).ok).toBe(true);
    expect(verifySignature({ ...wire(), now: at(-window) }).ok).toBe(true);
    expect(verifySignature({ ...wire(), now: at(window + 1000) })).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(verifySignature({ ...wire(), now: at(-window - 1000) })).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(verifySignature({ ...wire(), now: at(61_000), maxSkewMs: 60_000 })).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('reports a malformed X-Sdk-Date as missing-date', () => {
    const input = wire();
    const headers = { ...input.headers, 'x-sdk-date': '2024-01-02T03:04:05Z' };
    expect(verifySignature({ ...input, headers })).toEqual({ ok: false, reason: 'missing-date' });
  });

  it('answers bad-signature, without throwing, for malformed path or query encoding', () => {
    expect(verifySignature({ ...wire(), rawPath: '/v2/%zz' })).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect(verifySignature({ ...wire(), rawQuery: 'a=%E0' })).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('answers bad-signature when a signed header is absent', () => {
    const input = wire({ headers: { 'X-Trace': 'abc' } });
    const { 'x-trace': _dropped, ...headers } = input.headers;
    expect(verifySignature({ ...input, headers })).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('decodes the path and re-encodes it, so $, unicode and + work as sent', () => {
    const input = wire({ path: '/v2/a b/é/web$app/c+d', rawPath: '/v2/a%20b/%C3%A9/web$app/c+d' });
    expect(verifySignature(input)).toEqual({ ok: true, ak: AK });
  });

  it('reads + in the query as a space (URLSearchParams wire form)', () => {
    const query: [string, string][] = [
      ['name', 'a b'],
      ['filter', 'x::1|y::2'],
    ];
    const rawQuery = new URLSearchParams(query).toString();
    expect(rawQuery).toBe('name=a+b&filter=x%3A%3A1%7Cy%3A%3A2');
    expect(verifySignature(wire({ query, rawQuery }))).toEqual({ ok: true, ak: AK });
  });

  it('joins repeated header values like Node does', () => {
    const input = wire({ headers: { 'X-Multi': 'a, b' } });
    const headers = { ...input.headers, 'x-multi': ['a', 'b'] };
    expect(verifySignature({ ...input, headers })).toEqual({ ok: true, ak: AK });
  });

  describe('security tokens', () => {
    const temporary = { ak: AK, sk: SK, securityToken: 'tok123' };

    it('accepts the token when it is signed and equal', () => {
      expect(verifySignature(wire({ credentials: temporary }))).toEqual({ ok: true, ak: AK });
    });

    it('rejects a token that is present but not signed', () => {
      const input = wire();
      const headers = { ...input.headers, 'x-security-token': 'tok123' };
      const lookup = (): { sk: string; securityToken: string } => ({
        sk: SK,
        securityToken: 'tok123',
      });
      expect(verifySignature({ ...input, headers, lookup })).toEqual({
        ok: false,
        reason: 'bad-security-token',
      });
    });

    it('rejects a token the AK does not have, and a missing one it does have', () => {
      const withToken = wire({ credentials: temporary });
      const lookupWithout = (): { sk: string } => ({ sk: SK });
      expect(verifySignature({ ...withToken, lookup: lookupWithout })).toEqual({
        ok: false,
        reason: 'bad-security-token',
      });
      const lookupWith = (): { sk: string; securityToken: string } => ({
        sk: SK,
        securityToken: 't',
      });
      expect(verifySignature({ ...wire(), lookup: lookupWith })).toEqual({
        ok: false,
        reason: 'bad-security-token',
      });
    });

    it('never puts a secret into the result', () => {
      const results = [
        verifySignature(wire({ credentials: temporary })),
        verifySignature({ ...wire({ credentials: temporary }), body: utf8.encode('x') }),
      ];
      for (const result of results) {
        expect(JSON.stringify(result)).not.toMatch(/SKtest|tok123/);
      }
    });
  });

  describe('X-Sdk-Content-Sha256', () => {
    it('uses a signed UNSIGNED-PAYLOAD instead of the body hash', () => {
      const input = wire({ headers: { 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' } });
      expect(verifySignature({ ...input, body: utf8.encode('other') })).toEqual({
        ok: true,
        ak: AK,
      });
    });

    it('ignores an unsigned one, so it cannot vouch for a swapped body', () => {
      const body = '{"namespace":"group"}';
      const input = wire({ body });
      const headers = { ...input.headers, 'x-sdk-content-sha256': sha256Hex(body) };
      expect(
        verifySignature({ ...input, headers, body: utf8.encode('{"namespace":"evil"}') }),
      ).toEqual({
        ok: false,
        reason: 'bad-signature',
      });
    });

    it('requires a signed hash value to be the true body hash', () => {
      const body = '{"namespace":"group"}';
      const input = wire({ body, headers: { 'X-Sdk-Content-Sha256': sha256Hex(body) } });
      expect(verifySignature(input)).toEqual({ ok: true, ak: AK });
      expect(verifySignature({ ...input, body: utf8.encode('{}') })).toEqual({
        ok: false,
        reason: 'bad-signature',
      });
    });
  });

  it('rejects what the official SDK signs for a path with a space (it signs %2520)', async () => {
    const endpoint = 'http://127.0.0.1:8080';
    const path = '/v2/manage/namespaces/a b';
    const headers = await sdkSign({
      method: 'GET',
      endpoint,
      path,
      headers: { 'content-type': 'application/json', 'X-Sdk-Date': formatSdkDate(signedAt) },
      query: [],
      data: undefined,
      credentials: sdkCredentials({ ak: AK, sk: SK }),
    });
    const ours = signRequest({
      method: 'GET',
      url: endpoint + path,
      credentials: { ak: AK, sk: SK },
      date: signedAt,
    });
    const server = (signed: Record<string, string>): ReturnType<typeof verifySignature> =>
      verifySignature({
        method: 'GET',
        rawPath: new URL(endpoint + path).pathname,
        rawQuery: '',
        headers: {
          host: '127.0.0.1:8080',
          ...Object.fromEntries(Object.entries(signed).map(([k, v]) => [k.toLowerCase(), v])),
        },
        body: new Uint8Array(),
        now: signedAt,
        lookup: () => ({ sk: SK }),
      });
    expect(server(headers)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(server(ours)).toEqual({ ok: true, ak: AK });
  });
});
