/**
 * Round trips through `verifySignature` (the server recipe of docs/swr-api.md, "Verifying a
 * request"): requests signed by us or by the official SDK and sent the way the SDK sends them
 * verify; any tampering fails with the matching reason.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_SKEW_MS,
  formatSdkDate,
  parseSdkDate,
  signRequest,
  verifySignature,
  type VerifyFailureReason,
  type VerifySignatureInput,
} from '../../src/signing/signer';
import {
  bodyText,
  pathArb,
  requestArb,
  sdkEscapedPathChar,
  sdkSafePathChar,
  type GeneratedRequest,
} from './arbitraries';
import { sdkCredentials, sdkSign } from './official';
import { toWire } from './wire';

/**
 * Every path character except the ones a URL string cannot carry in a path (`? # \ %`), and no
 * trailing space: WHATWG `URL` (so axios and fetch) strips it, while we sign the path as given.
 */
const wirePath = pathArb(fc.oneof(sdkSafePathChar, sdkEscapedPathChar), {
  dotSegments: false,
}).filter((path) => !path.endsWith(' '));

function lookupFor(request: GeneratedRequest): VerifySignatureInput['lookup'] {
  const { ak, sk, securityToken } = request.credentials;
  return (candidate) => (candidate === ak ? { sk, securityToken } : undefined);
}

/** Signs with our signer and returns the server's view plus the signing time. */
function signedWire(request: GeneratedRequest): { input: VerifySignatureInput; signedAt: Date } {
  const body = bodyText(request);
  const headers = signRequest({
    method: request.method,
    url: request.endpoint + request.path,
    query: request.query,
    headers: request.headers,
    body,
    credentials: request.credentials,
    date: request.date,
  });
  const signedAt = parseSdkDate(headers['X-Sdk-Date'] ?? '');
  if (!signedAt) throw new Error('signRequest returned no X-Sdk-Date');
  const input = { ...toWire(request, headers, body), now: signedAt, lookup: lookupFor(request) };
  return { input, signedAt };
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'];
const MINUTE = 60_000;

type Tamper = (
  input: VerifySignatureInput,
  signedAt: Date,
  pick: number,
) => [VerifySignatureInput, VerifyFailureReason];

const withHeaders = (
  input: VerifySignatureInput,
  change: (headers: Record<string, string | string[] | undefined>) => void,
): VerifySignatureInput => {
  const headers = { ...input.headers };
  change(headers);
  return { ...input, headers };
};

/** One way to break the request each, with the reason the verifier must give. */
const tampers: Record<string, Tamper> = {
  method: (input, _at, pick) => {
    const others = METHODS.filter((m) => m !== input.method);
    return [{ ...input, method: others[pick % others.length] ?? 'OPTIONS' }, 'bad-signature'];
  },
  path: (input) => [{ ...input, rawPath: `${input.rawPath}x` }, 'bad-signature'],
  'query added': (input) => [
    { ...input, rawQuery: input.rawQuery === '' ? 'x=1' : `${input.rawQuery}&x=1` },
    'bad-signature',
  ],
  'query value': (input) => [{ ...input, rawQuery: `${input.rawQuery}x` }, 'bad-signature'],
  'signed header': (input, _at, pick) => {
    const auth = String(input.headers['authorization']);
    const names = /SignedHeaders=([^,]+)/.exec(auth)?.[1]?.split(';') ?? [];
    const candidates = names.filter((n) => n !== 'x-sdk-date' && n !== 'x-security-token');
    const name = candidates[pick % candidates.length] ?? 'host';
    const changed = withHeaders(input, (h) => {
      h[name] = `${String(h[name])}x`;
    });
    return [changed, 'bad-signature'];
  },
  body: (input) => [{ ...input, body: new Uint8Array([...input.body, 0x20]) }, 'bad-signature'],
  'date beyond 15 min': (input, at, pick) => {
    const beyond = DEFAULT_MAX_SKEW_MS + 1000 + (pick % 1000) * MINUTE;
    const now = new Date(at.getTime() + (pick % 2 === 0 ? beyond : -beyond));
    return [{ ...input, now }, 'expired'];
  },
  'date within window but changed': (input, at, pick) => {
    const shifted = formatSdkDate(new Date(at.getTime() + (1 + (pick % 600)) * 1000));
    return [withHeaders(input, (h) => (h['x-sdk-date'] = shifted)), 'bad-signature'];
  },
  'date removed': (input) => [withHeaders(input, (h) => delete h['x-sdk-date']), 'missing-date'],
  'security token': (input) => {
    const token = input.headers['x-security-token'];
    const forged = token === undefined ? 'forged' : `${String(token)}x`;
    return [withHeaders(input, (h) => (h['x-security-token'] = forged)), 'bad-security-token'];
  },
  'security token removed': (input) => {
    if (input.headers['x-security-token'] === undefined) {
      return [{ ...input, method: `${input.method}X` }, 'bad-signature'];
    }
    return [withHeaders(input, (h) => delete h['x-security-token']), 'bad-security-token'];
  },
  'wrong sk': (input) => {
    const lookup: VerifySignatureInput['lookup'] = (ak) => {
      const found = input.lookup(ak);
      return found && { ...found, sk: `${found.sk}x` };
    };
    return [{ ...input, lookup }, 'bad-signature'];
  },
  'unknown ak': (input) => [{ ...input, lookup: () => undefined }, 'unknown-ak'],
  'authorization removed': (input) => [
    withHeaders(input, (h) => delete h['authorization']),
    'missing-authorization',
  ],
  'authorization garbled': (input) => [
    withHeaders(input, (h) => (h['authorization'] = String(h['authorization']).replace(', ', ','))),
    'malformed-authorization',
  ],
};

describe('verifySignature round trip', () => {
  it('accepts what signRequest signed, sent like the SDK sends it, within ±15 min', () => {
    const skew = fc.integer({ min: -DEFAULT_MAX_SKEW_MS, max: DEFAULT_MAX_SKEW_MS });
    fc.assert(
      fc.property(requestArb(wirePath), skew, (request, offset) => {
        const { input, signedAt } = signedWire(request);
        const now = new Date(signedAt.getTime() + offset);
        expect(verifySignature({ ...input, now })).toEqual({
          ok: true,
          ak: request.credentials.ak,
        });
      }),
      { numRuns: 500 },
    );
  });

  it('rejects every kind of tampering with the matching reason', () => {
    const tamper = fc.constantFrom(...Object.keys(tampers));
    fc.assert(
      fc.property(requestArb(wirePath), tamper, fc.nat(), (request, name, pick) => {
        const { input, signedAt } = signedWire(request);
        const apply = tampers[name];
        if (!apply) throw new Error(`no tamper ${name}`);
        const [tampered, reason] = apply(input, signedAt, pick);
        expect(verifySignature(tampered)).toEqual({ ok: false, reason });
      }),
      { numRuns: 1000 },
    );
  });

  it('accepts requests signed by the official SDK', async () => {
    const path = pathArb(sdkSafePathChar, { dotSegments: false });
    await fc.assert(
      fc.asyncProperty(requestArb(path), async (request) => {
        const headers = await sdkSign({
          method: request.method,
          endpoint: request.endpoint,
          path: request.path,
          headers: { 'content-type': 'application/json', ...request.headers },
          query: request.query,
          data: request.data,
          credentials: sdkCredentials(request.credentials),
        });
        const signedAt = parseSdkDate(headers['X-Sdk-Date'] ?? '');
        const wire = toWire(request, headers, bodyText(request));
        const result = verifySignature({
          ...wire,
          now: signedAt ?? new Date(Number.NaN),
          lookup: lookupFor(request),
        });
        expect(result).toEqual({ ok: true, ak: request.credentials.ak });
      }),
      { numRuns: 300 },
    );
  });
});
