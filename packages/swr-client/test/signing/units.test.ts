/** Example-based tests of the signer's building blocks and of documented edge cases. */
import { describe, expect, it } from 'vitest';
import {
  EMPTY_BODY_SHA256,
  canonicalQuery,
  canonicalUri,
  encodeRfc3986,
  formatSdkDate,
  hmacSha256Hex,
  parseAuthorization,
  parseQueryString,
  parseSdkDate,
  sha256Hex,
  signRequest,
} from '../../src/signing/signer';
import { AKSKSigner, sdkCredentials } from './official';

const credentials = { ak: 'AKTESTEXAMPLE0000001', sk: 'SKtestexample0000000000000000000000000001' };
const date = new Date('2024-01-02T03:04:05Z');

describe('encodeRfc3986', () => {
  it('keeps the unreserved set and encodes everything else as uppercase UTF-8', () => {
    expect(encodeRfc3986('AZaz09-_.~')).toBe('AZaz09-_.~');
    expect(encodeRfc3986("$:|*'()! /?&=+#%")).toBe(
      '%24%3A%7C%2A%27%28%29%21%20%2F%3F%26%3D%2B%23%25',
    );
    expect(encodeRfc3986('é😀')).toBe('%C3%A9%F0%9F%98%80');
  });

  it('throws on a lone surrogate, which has no UTF-8 form', () => {
    expect(() => encodeRfc3986('\ud800')).toThrow(URIError);
  });
});

describe('formatSdkDate / parseSdkDate', () => {
  it('formats UTC without milliseconds and parses it back', () => {
    const text = formatSdkDate(new Date('2024-01-02T03:04:05.999Z'));
    expect(text).toBe('20240102T030405Z');
    expect(parseSdkDate(text)?.toISOString()).toBe('2024-01-02T03:04:05.000Z');
    expect(parseSdkDate('00050101T000000Z')?.getUTCFullYear()).toBe(5);
  });

  it.each([
    '',
    '20240102T030405',
    '2024-01-02T03:04:05Z',
    '20241302T030405Z',
    '20240230T030405Z',
    '20240102T240000Z',
    '20240102T036005Z',
    ' 20240102T030405Z',
    '20240102t030405z',
  ])('rejects %j', (value) => {
    expect(parseSdkDate(value)).toBeUndefined();
  });

  it('refuses dates it cannot write in four digits', () => {
    expect(() => formatSdkDate(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => formatSdkDate(new Date('+010000-01-01T00:00:00Z'))).toThrow(RangeError);
  });
});

describe('canonicalUri', () => {
  it('encodes each segment and appends the trailing slash', () => {
    expect(canonicalUri('/v2/manage/namespaces')).toBe('/v2/manage/namespaces/');
    expect(canonicalUri('/')).toBe('/');
    expect(canonicalUri('')).toBe('/');
    expect(canonicalUri('/a/')).toBe('/a/');
    expect(canonicalUri('/repos/web$app/a b/é/100%')).toBe('/repos/web%24app/a%20b/%C3%A9/100%25/');
  });

  it('decodes raw wire segments first when decoded: false', () => {
    expect(canonicalUri('/repos/web$app/a%20b/%c3%a9/a+b', { decoded: false })).toBe(
      '/repos/web%24app/a%20b/%C3%A9/a%2Bb/',
    );
    // %2F stays inside its segment: the split happens before decoding.
    expect(canonicalUri('/a%2Fb', { decoded: false })).toBe('/a%2Fb/');
  });

  it('returns undefined, not a throw, for malformed percent-encoding', () => {
    expect(canonicalUri('/a/%zz', { decoded: false })).toBeUndefined();
    expect(canonicalUri('/a/%', { decoded: false })).toBeUndefined();
    expect(canonicalUri('/a/%C3', { decoded: false })).toBeUndefined();
  });
});

describe('canonicalQuery / parseQueryString', () => {
  it('sorts by raw name then raw value, keeping repeated keys', () => {
    expect(
      canonicalQuery([
        ['b', '2'],
        ['a', 'y'],
        ['a', 'x'],
        ['a|', '1'],
        ['ab', '1'],
      ]),
    ).toBe('a=x&a=y&ab=1&a%7C=1&b=2');
    expect(canonicalQuery([])).toBe('');
  });

  it('matches the SDK, which also sorts the raw text (a| after ab, é after z)', () => {
    const official = AKSKSigner.sign(
      {
        method: 'GET',
        endpoint: 'https://h/',
        headers: { 'Content-Type': 'application/json', 'X-Sdk-Date': '20240102T030405Z' },
        queryParams: { 'a|': '1', ab: '1', é: 'z', z: ['é', 'a'] },
      },
      sdkCredentials(credentials),
    );
    const ours = signRequest({
      method: 'GET',
      url: 'https://h/',
      query: [
        ['z', 'é'],
        ['é', 'z'],
        ['a|', '1'],
        ['z', 'a'],
        ['ab', '1'],
      ],
      headers: { 'X-Sdk-Date': '20240102T030405Z' },
      credentials,
    });
    expect(ours['Authorization']).toBe(official['Authorization']);
  });

  it('parses wire queries with + as space and rejects malformed escapes', () => {
    expect(parseQueryString('?a=1&a=2&b=x+y%2B&c&=v&&d=%7C')).toEqual([
      ['a', '1'],
      ['a', '2'],
      ['b', 'x y+'],
      ['c', ''],
      ['', 'v'],
      ['d', '|'],
    ]);
    expect(parseQueryString('')).toEqual([]);
    expect(parseQueryString('a=%E0%A4%A')).toBeUndefined();
  });
});

describe('hashes', () => {
  it('hashes strings as UTF-8 and bytes as given', () => {
    expect(sha256Hex('')).toBe(EMPTY_BODY_SHA256);
    expect(sha256Hex('é')).toBe(sha256Hex(new Uint8Array([0xc3, 0xa9])));
    expect(hmacSha256Hex('key', 'data')).toBe(
      '5031fe3d989c6d1537a013fa6e739da23463fdaec3b70137d828e36ace221bd0',
    );
  });
});

describe('parseAuthorization', () => {
  const signature = 'a'.repeat(64);

  it('reads the SDK format', () => {
    expect(
      parseAuthorization(
        `SDK-HMAC-SHA256 Access=AK1, SignedHeaders=content-type;host;x-sdk-date, Signature=${signature}`,
      ),
    ).toEqual({ ak: 'AK1', signedHeaders: ['content-type', 'host', 'x-sdk-date'], signature });
  });

  it.each([
    `SDK-HMAC-SHA256 Access=AK1,SignedHeaders=host, Signature=${signature}`,
    `V11-HMAC-SHA256 Access=AK1, SignedHeaders=host, Signature=${signature}`,
    `SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host, Signature=${signature.toUpperCase()}`,
    `SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host, Signature=abc`,
    `SDK-HMAC-SHA256 Access=AK1, SignedHeaders=Host, Signature=${signature}`,
    `SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;;x-sdk-date, Signature=${signature}`,
    `SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;host, Signature=${signature}`,
    `SDK-HMAC-SHA256 Access=AK1, SignedHeaders=authorization;host, Signature=${signature}`,
    `SDK-HMAC-SHA256 Access=, SignedHeaders=host, Signature=${signature}`,
    '',
  ])('rejects %j', (header) => {
    expect(parseAuthorization(header)).toBeUndefined();
  });
});

describe('signRequest', () => {
  const base = { method: 'GET', url: 'https://swr.example.com/v2/x', credentials, date };

  it('adds Content-Type, X-Project-Id, X-Security-Token, X-Sdk-Date and Authorization', () => {
    const headers = signRequest({
      ...base,
      credentials: { ...credentials, projectId: 'p1', securityToken: 't1' },
    });
    expect(Object.keys(headers)).toEqual([
      'Content-Type',
      'X-Project-Id',
      'X-Security-Token',
      'X-Sdk-Date',
      'Authorization',
    ]);
    expect(headers['Authorization']).toMatch(
      /SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token,/,
    );
  });

  it('treats header names case-insensitively and lets given headers win', () => {
    const headers = signRequest({
      ...base,
      credentials: { ...credentials, projectId: 'from-credentials' },
      headers: { 'content-type': 'application/json;charset=utf-8', 'x-project-id': 'given' },
    });
    expect(headers).toMatchObject({
      'content-type': 'application/json;charset=utf-8',
      'x-project-id': 'given',
    });
    expect(headers).not.toHaveProperty('Content-Type');
    expect(headers).not.toHaveProperty('X-Project-Id');
  });

  it('uses a given X-Sdk-Date over date, and refuses a malformed one', () => {
    const given = signRequest({ ...base, headers: { 'x-sdk-date': '20200101T000000Z' } });
    expect(given['x-sdk-date']).toBe('20200101T000000Z');
    expect(given).not.toHaveProperty('X-Sdk-Date');
    expect(() => signRequest({ ...base, headers: { 'X-Sdk-Date': '2020-01-01' } })).toThrow(
      TypeError,
    );
  });

  it('replaces a given Authorization and refuses a header given twice', () => {
    const headers = signRequest({ ...base, headers: { authorization: 'stale' } });
    expect(headers).not.toHaveProperty('authorization');
    expect(headers['Authorization']).toMatch(/^SDK-HMAC-SHA256 /);
    expect(() => signRequest({ ...base, headers: { 'X-A': '1', 'x-a': '2' } })).toThrow(TypeError);
  });

  it('signs the host without the default port (the SDK would keep an explicit :443)', () => {
    const sign = (url: string): string | undefined =>
      signRequest({ ...base, url })['Authorization'];
    expect(sign('https://swr.example.com:443/v2/x')).toBe(sign('https://SWR.example.com/v2/x'));
    expect(sign('https://swr.example.com:8443/v2/x')).not.toBe(
      sign('https://swr.example.com/v2/x'),
    );
    const official = (endpoint: string): string | undefined =>
      AKSKSigner.sign(
        {
          method: 'GET',
          endpoint,
          headers: { 'Content-Type': 'application/json', 'X-Sdk-Date': formatSdkDate(date) },
          queryParams: {},
        },
        sdkCredentials(credentials),
      )['Authorization'];
    expect(official('https://swr.example.com/v2/x')).toBe(sign('https://swr.example.com/v2/x'));
    expect(official('https://swr.example.com:443/v2/x')).not.toBe(
      sign('https://swr.example.com/v2/x'),
    );
  });

  it('signs a given Host header instead of the URL authority, without adding one', () => {
    const viaHeader = signRequest({ ...base, headers: { Host: 'other.example.com' } });
    const viaUrl = signRequest({ ...base, url: 'https://other.example.com/v2/x' });
    expect(viaHeader['Authorization']).toBe(viaUrl['Authorization']);
    expect(viaUrl).not.toHaveProperty('host');
  });

  it('reads a query inside the URL in wire form and combines it with query pairs', () => {
    const pairs = signRequest({
      ...base,
      query: [
        ['filter', 'a::1|b::2'],
        ['name', 'x y'],
      ],
    });
    const inUrl = signRequest({
      ...base,
      url: `${base.url}?name=x+y`,
      query: [['filter', 'a::1|b::2']],
    });
    const allInUrl = signRequest({
      ...base,
      url: `${base.url}?filter=a%3A%3A1%7Cb%3A%3A2&name=x%20y#frag`,
    });
    expect(inUrl['Authorization']).toBe(pairs['Authorization']);
    expect(allInUrl['Authorization']).toBe(pairs['Authorization']);
    expect(() => signRequest({ ...base, url: `${base.url}?a=%zz` })).toThrow(TypeError);
  });

  it('reads a URL object in wire form, a string in decoded form', () => {
    const fromString = signRequest({ ...base, url: 'https://swr.example.com/a b/é/web$app' });
    const fromUrl = signRequest({ ...base, url: new URL('https://swr.example.com/a b/é/web$app') });
    expect(fromUrl['Authorization']).toBe(fromString['Authorization']);
    expect(() => signRequest({ ...base, url: '/v2/x' })).toThrow(TypeError);
  });

  it('hashes the body as given, and honours an explicit X-Sdk-Content-Sha256', () => {
    const empty = signRequest({ ...base, body: '' });
    expect(signRequest(base)['Authorization']).toBe(empty['Authorization']);
    expect(signRequest({ ...base, body: '{}' })['Authorization']).not.toBe(empty['Authorization']);
    const unsigned = (body: string): string | undefined =>
      signRequest({ ...base, body, headers: { 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' } })[
        'Authorization'
      ];
    expect(unsigned('a')).toBe(unsigned('b'));
  });

  it('keeps a header named __proto__ as an ordinary header', () => {
    const headers = signRequest({
      ...base,
      headers: JSON.parse('{"__proto__":"x"}') as Record<string, string>,
    });
    expect(Object.hasOwn(headers, '__proto__')).toBe(true);
    expect(headers['Authorization']).toMatch(
      /SignedHeaders=__proto__;content-type;host;x-sdk-date,/,
    );
  });
});
