/** fast-check generators of SWR-like requests, shared by the oracle and round-trip tests. */
import fc from 'fast-check';
import type { SigningCredentials } from '../../src/signing/signer';

/** One of the (ASCII) characters of `text`. */
const chars = (text: string): fc.Arbitrary<string> => fc.constantFrom(...text.split(''));

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** RFC 3986 unreserved: never encoded. */
const unreserved = chars(`${ALNUM}-_.~`);

/**
 * Unicode beyond ASCII, whole code points (astral ones are surrogate pairs). Skips C1 controls,
 * NBSP and BOM: `url.parse` trims those at the end of a URL, which is not what is tested here.
 */
export const unicodeChar: fc.Arbitrary<string> = fc
  .oneof(
    fc.integer({ min: 0xa1, max: 0xd7ff }),
    fc.integer({ min: 0xe000, max: 0xfffd }).filter((cp) => cp !== 0xfeff),
    fc.integer({ min: 0x1_0000, max: 0x10_ffff }),
  )
  .map((cp) => String.fromCodePoint(cp));

/**
 * Path characters the official SDK passes through its legacy `url.parse` untouched, so it
 * signs exactly the path we sign. `$` is the SWR one (`web$app`); `%` is left out on purpose.
 */
export const sdkSafePathChar = fc.oneof(
  { weight: 6, arbitrary: unreserved },
  { weight: 2, arbitrary: chars('$!&()*+,:;=@[]') },
  { weight: 2, arbitrary: unicodeChar },
);

/**
 * Characters `url.parse` percent-escapes in a path before the SDK signs it (`space " ' < > ^ `
 * { | }`), which makes the SDK sign them double-encoded (`' '` → `%2520`). See oracle test.
 */
export const sdkEscapedPathChar = chars(' "\'<>^`{|}');

/** A path from segments of `char`; `.`/`..` segments optional (WHATWG URL would resolve them). */
export function pathArb(
  char: fc.Arbitrary<string>,
  options: { dotSegments: boolean },
): fc.Arbitrary<string> {
  const segment = fc
    .string({ unit: char, maxLength: 8 })
    .filter((s) => options.dotSegments || (s !== '.' && s !== '..'));
  return fc
    .tuple(fc.array(segment, { maxLength: 6 }), fc.boolean())
    .map(
      ([segments, trailing]) =>
        `/${segments.join('/')}${trailing && segments.length > 0 ? '/' : ''}`,
    );
}

/** Query text: unreserved, the reserved characters SWR filters and clients use, and unicode. */
const queryChar = fc.oneof(
  { weight: 5, arbitrary: unreserved },
  { weight: 3, arbitrary: chars(':|*\'()!~&=+/? %#[]@,;$"<>\\^`{}') },
  { weight: 2, arbitrary: unicodeChar },
);
const queryKey = fc.oneof(
  fc.constantFrom('limit', 'offset', 'filter', 'namespace', 'name', 'a'),
  fc.string({ unit: queryChar, maxLength: 6 }),
);
const queryValue = fc.oneof(
  fc.constantFrom('0', '10', 'tag::v1|order_type::desc', 'namespace::demo|mode::visible'),
  fc.string({ unit: queryChar, maxLength: 10 }),
);
/** Pairs in any order; the small fixed key set makes repeated keys common. */
export const queryArb = fc.array(fc.tuple(queryKey, queryValue), { maxLength: 6 });

/** A JSON object or array body (what SWR sends), with unicode strings, or no body. */
export const bodyArb: fc.Arbitrary<object | undefined> = fc.option(
  fc.oneof(
    fc.dictionary(
      fc.string({ unit: queryChar, maxLength: 6 }),
      fc.jsonValue({ maxDepth: 2, stringUnit: 'binary' }),
      {
        maxKeys: 5,
      },
    ),
    fc.array(fc.jsonValue({ maxDepth: 2, stringUnit: 'binary' }), { maxLength: 4 }),
  ),
  { nil: undefined },
);

export const methodArb = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD');

/** http(s) endpoints; a port only when it is not the scheme's default (see oracle test). */
export const endpointArb = fc.oneof(
  fc.constantFrom(
    'https://swr-api.cn-north-4.myhuaweicloud.com',
    'https://swr-api.eu-west-101.myhuaweicloud.eu',
    'http://127.0.0.1:8080',
  ),
  fc
    .tuple(
      fc.constantFrom('http', 'https'),
      fc.oneof(fc.domain(), fc.ipV4()),
      fc.option(fc.integer({ min: 1, max: 65_535 }).filter((p) => p !== 80 && p !== 443)),
    )
    .map(([scheme, host, port]) => `${scheme}://${host}${port === null ? '' : `:${port}`}`),
);

export const credentialsArb: fc.Arbitrary<SigningCredentials> = fc.record(
  {
    ak: fc.stringMatching(/^[A-Z0-9]{20}$/),
    sk: fc.stringMatching(/^[A-Za-z0-9]{40}$/),
    projectId: fc.stringMatching(/^[0-9a-f]{32}$/),
    securityToken: fc.stringMatching(/^[A-Za-z0-9+/=_-]{1,80}$/),
  },
  { requiredKeys: ['ak', 'sk'] },
);

/**
 * Extra caller headers: `X-H…` names in mixed case (never one the signer adds itself), printable
 * ASCII values without edge whitespace (HTTP parsers strip it; the signature keeps it).
 */
export const extraHeadersArb = fc
  .uniqueArray(
    fc.tuple(
      fc.stringMatching(/^[xX]-[hH][a-zA-Z0-9-]{0,8}$/),
      fc.stringMatching(/^[!-~]([ -~]{0,20}[!-~])?$/),
    ),
    { selector: ([name]) => name.toLowerCase(), maxLength: 3 },
  )
  .map((entries) => Object.fromEntries(entries));

/**
 * Whole seconds (`X-Sdk-Date` has none below) from 1970 to a day before year 10000, which
 * leaves room to shift a date in tests and stay formattable.
 */
export const dateArb = fc
  .date({
    min: new Date('1970-01-01T00:00:00Z'),
    max: new Date('9999-12-30T23:59:59Z'),
    noInvalidDate: true,
  })
  .map((date) => new Date(Math.floor(date.getTime() / 1000) * 1000));

export interface GeneratedRequest {
  method: string;
  endpoint: string;
  path: string;
  query: [string, string][];
  data: object | undefined;
  headers: Record<string, string>;
  credentials: SigningCredentials;
  date: Date;
}

export function requestArb(path: fc.Arbitrary<string>): fc.Arbitrary<GeneratedRequest> {
  return fc.record({
    method: methodArb,
    endpoint: endpointArb,
    path,
    query: queryArb,
    data: bodyArb,
    headers: extraHeadersArb,
    credentials: credentialsArb,
    date: dateArb,
  });
}

/** The body text both signers hash: the SDK hashes `JSON.stringify(data)` of a truthy `data`. */
export function bodyText(request: GeneratedRequest): string | undefined {
  return request.data === undefined ? undefined : JSON.stringify(request.data);
}
