/**
 * Secret non-disclosure (docs/security.md case 14): a scripted session for each role — sign-in
 * through the real local OpenID Provider, `/api/me`, every SWR operation of the table (with a
 * docker login command), SWR's own 4xx, a faulty region endpoint answering 5xx and 4xx with an
 * error body that carries a fake AK and a `-p secretpassword`, the audit API and its CSV, a CSRF
 * and a guard refusal, and sign-out — and then a scan of every answer (bodies and headers), every
 * log line, and every audit record (the table and the JSONL file sink) for the cloud AK and SK,
 * any `Signature=` value, the OIDC client secret, every code and token the provider issued, the
 * session and login cookies, and the docker login password.
 *
 * Two values reach the browser by design and only there: the docker login command (password and
 * the `<region>@<AK>` user name SWR builds from the AK) in the answer to the user who asked for it,
 * and the ID token as `id_token_hint` in that user's own sign-out answer (for the IdP's
 * end-session endpoint). Cookies reach the browser only in `Set-Cookie`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_KEY } from '@swr-dashboard/test-support';
import { signInWithOidc } from './support/oidc-flow';
import {
  allAuditRecords,
  CONSOLE_SESSION_SECRET,
  consoleClient,
  directClient,
  failureOf,
  ROLE_ACCOUNTS,
  SID_COOKIE,
  startOidcConsole,
  type OidcConsole,
  type RoleKey,
  type SeenResponse,
} from './support/oidc-console';
import {
  callStep,
  lookUpSeed,
  OPERATION_TABLE,
  type SeededIds,
  type TableContext,
} from './support/operation-table';
import {
  startRecordingEndpoint,
  type EndpointAnswer,
  type RecordingEndpoint,
} from './support/recording-endpoint';
import type { Reply } from './support/stack';

const FAULT_REGION = 'la-south-2';
const FAKE_UPSTREAM_AK = 'FAKEUPSTREAMAK0000001';
const FAKE_PASSWORD = 'secretpassword';
/** What the faulty endpoint answers: SWR's error shape, with things that must not pass. */
const LEAKY_ERROR = JSON.stringify({
  errorCode: 'SVCSTG.SWR.5000001',
  errorMessage: `internal error for ${FAKE_UPSTREAM_AK}: docker login -u ${FAKE_UPSTREAM_AK} -p ${FAKE_PASSWORD} swr.example Authorization: SDK-HMAC-SHA256 Access=${FAKE_UPSTREAM_AK}, Signature=00ff00ff00ff00ff00ff00ff00ff00ff`,
});

interface Answer extends SeenResponse {
  /** Whose browser got it. */
  role: RoleKey;
  /** Secrets this very answer may carry (its own docker login command, its own ID token). */
  carries: string[];
}

interface Secret {
  label: string;
  value: string;
  /** Cookies: allowed in `Set-Cookie` answer headers (how the browser gets them). */
  cookie?: boolean;
}

let console_: OidcConsole;
let fault: RecordingEndpoint;
let dir: string;
let auditFile: string;
let seeded: SeededIds;
let spareTags: string[];
const answers: Answer[] = [];
const secrets: Secret[] = [];
const sessionsRun = new Set<RoleKey>();

function secret(label: string, value: string | null | undefined, cookie = false): void {
  if (value === null || value === undefined || value.length < 6) return;
  for (const form of new Set([value, decodeURIComponent(value)])) {
    secrets.push({ label, value: form, cookie });
  }
}

/** The docker login password inside `docker login -u <user> -p <password>`. */
function passwordOf(command: string): string | undefined {
  return /-p (\S+)/.exec(command)?.[1];
}

function keepReply(role: RoleKey, url: string, reply: Reply, carries: string[] = []): void {
  answers.push({
    role,
    url,
    status: reply.status,
    headers: [...reply.headers],
    body: reply.text,
    carries,
  });
}

/** The fetch of one user's client reports here; a docker login answer may carry its command. */
function answerSink(role: RoleKey): SeenResponse[] {
  const sink: SeenResponse[] = [];
  const push = sink.push.bind(sink);
  sink.push = (...items: SeenResponse[]) => {
    for (const item of items) {
      const carries: string[] = [];
      const command = item.headers.find(([name]) => name === 'x-swr-dockerlogin')?.[1];
      if (item.status === 200 && item.url.endsWith('/v2/manage/utils/secret') && command) {
        const password = passwordOf(command);
        secret('docker login password', password);
        carries.push(CONSOLE_KEY.ak);
        if (password !== undefined) carries.push(password);
        const auth = /"auth":"([^"]+)"/.exec(item.body)?.[1];
        secret('docker login auth', auth);
        if (auth !== undefined) carries.push(auth);
      }
      answers.push({ ...item, role, carries });
    }
    return push(...items);
  };
  return sink;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'swr-secrets-test-'));
  auditFile = join(dir, 'audit.jsonl');
  fault = await startRecordingEndpoint();
  fault.answer = (request): EndpointAnswer =>
    request.method === 'GET' && request.rawPath.startsWith('/v2/manage/namespaces/')
      ? { status: 404, body: LEAKY_ERROR, headers: { 'X-Debug': FAKE_PASSWORD } }
      : {
          status: 500,
          body: LEAKY_ERROR,
          headers: { 'X-Debug': FAKE_PASSWORD, 'Set-Cookie': `upstream=${FAKE_PASSWORD}` },
        };
  console_ = await startOidcConsole({
    env: {
      SWR_REGIONS: `cn-north-4,cn-east-3,ap-southeast-3,${FAULT_REGION}`,
      SWR_ENDPOINT_LA_SOUTH_2: fault.url,
      AUDIT_SINK: `file:${auditFile}`,
      AUDIT_READS: 'true',
      UPSTREAM_READ_RETRIES: '0',
    },
  });
  ({ seeded, spareTags } = await lookUpSeed(directClient(console_.stack)));
  secret('AK', CONSOLE_KEY.ak);
  secret('SK', CONSOLE_KEY.sk);
  secret('OIDC client secret', console_.idp.clientSecret);
  secret('session secret', CONSOLE_SESSION_SECRET);
  secret('fake upstream AK', FAKE_UPSTREAM_AK);
  secret('upstream password', FAKE_PASSWORD);
});
afterAll(async () => {
  await console_.close();
  await fault.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One user's whole session, every answer kept. */
async function scriptedSession(role: RoleKey, index: number): Promise<void> {
  const { stack, idp } = console_;
  const account = ROLE_ACCOUNTS[role];
  const browser = stack.browser();
  const issuedBefore = idp.issued.length;
  const flow = await signInWithOidc(browser, account.id, { returnTo: '/namespaces' });
  keepReply(role, '/auth/login', flow.start);
  keepReply(role, '/auth/callback', flow.reply);
  expect(flow.reply.status, flow.reply.text).toBe(302);
  for (const cookie of flow.start.headers.getSetCookie()) {
    secret('login cookie', /^[^=]+=([^;]*)/.exec(cookie)?.[1], true);
  }
  const sid = browser.cookies.get(SID_COOKIE) ?? '';
  secret('session cookie', sid, true);
  const decoded = decodeURIComponent(sid);
  secret('session id', decoded.slice(2, decoded.lastIndexOf('.')), true);
  secret('session cookie signature', decoded.slice(decoded.lastIndexOf('.') + 1), true);
  secret('authorization code', flow.callback.searchParams.get('code'));
  expect(idp.issued.length).toBeGreaterThan(issuedBefore);

  keepReply(role, '/api/me', await browser.get('/api/me'));

  // Every operation of the table, allowed or not.
  const sink = answerSink(role);
  const client = consoleClient(stack, browser, { seen: sink });
  const ctx: TableContext = {
    who: `secret-${index}`,
    seeded,
    spareTag: spareTags[index] ?? '',
    created: {},
  };
  for (const entry of OPERATION_TABLE) {
    try {
      const response = await callStep(client, entry.name, entry.input(ctx));
      entry.keep?.(response.result, ctx);
    } catch {
      // Refusals are answers to scan like any other.
    }
  }

  // SWR's own 4xx, and a faulty endpoint's 5xx and 4xx with a leaky body.
  const missing = await failureOf(
    client.showRepository({ params: { namespace: 'payments', repository: 'no-such-repo' } }),
  );
  expect({ status: missing.status, code: missing.code }).toEqual({
    status: 404,
    code: 'upstream_rejected',
  });
  const faulty = consoleClient(stack, browser, { region: FAULT_REGION, seen: sink });
  const down = await failureOf(faulty.listNamespaces());
  expect({ status: down.status, code: down.code, upstream: down.upstream?.status }).toEqual({
    status: 502,
    code: 'upstream_error',
    upstream: 500,
  });
  const refused = await failureOf(faulty.showNamespace({ params: { namespace: 'payments' } }));
  expect({ status: refused.status, code: refused.code }).toEqual({
    status: 404,
    code: 'upstream_rejected',
  });
  if (role !== 'viewer') {
    const write = await failureOf(
      faulty.createRepo({
        params: { namespace: 'payments' },
        body: { repository: `fault-${index}`, is_public: false },
      }),
    );
    expect(write.status).toBe(502);
  }
  if (role === 'admin') {
    await failureOf(faulty.createNamespace({ body: { namespace: 'fault-ns' } }));
  }

  // The audit API and its export (admins; a 403 for the others).
  keepReply(role, '/api/audit', await browser.get('/api/audit?limit=500'));
  keepReply(role, '/api/audit.csv', await browser.get('/api/audit.csv'));

  // Refusals before the proxy: CSRF, a guarded path, an unknown route.
  keepReply(role, '/api/me (no X-CSRF)', await browser.get('/api/me', { csrf: false }));
  keepReply(
    role,
    'guarded path',
    await browser.get('/api/swr/cn-north-4/v2/manage/namespaces/a%5Cb'),
  );
  keepReply(role, '/api/nothing', await browser.get('/api/nothing'));

  // Sign-out: GET refused, POST answers the end-session URL with this user's ID token.
  keepReply(role, 'GET /auth/logout', await browser.get('/auth/logout'));
  const out = await browser.request('POST', '/auth/logout');
  expect(out.status).toBe(200);
  const logoutUrl = new URL((out.json as { logoutUrl: string }).logoutUrl);
  const idToken = logoutUrl.searchParams.get('id_token_hint') ?? '';
  expect(idToken.split('.')).toHaveLength(3);
  secret('ID token', idToken);
  keepReply(role, 'POST /auth/logout', out, [idToken]);
  keepReply(role, '/api/me (signed out)', await browser.get('/api/me'));
  sessionsRun.add(role);
}

describe('case 14: a scripted session per role', () => {
  (['viewer', 'operator', 'admin', 'scopedOperator'] as const).forEach((role, index) => {
    it(`${role}: signs in, runs every operation, meets upstream errors, the audit API, and signs out`, async () => {
      await scriptedSession(role, index);
    });
  });
});

describe('case 14: no secret anywhere it should not be', () => {
  function ready(): void {
    expect([...sessionsRun].sort()).toEqual(['admin', 'operator', 'scopedOperator', 'viewer']);
    for (const code of console_.idp.issued) secret('OIDC code or access token', code);
    // Every signature the BFF made for the faulty endpoint.
    for (const request of fault.requests) {
      secret('signature', /Signature=([0-9a-f]+)/.exec(request.headers.authorization ?? '')?.[1]);
    }
    expect(secrets.filter((s) => s.label === 'docker login password').length).toBeGreaterThan(0);
    expect(secrets.filter((s) => s.label === 'ID token')).toHaveLength(4);
    expect(secrets.filter((s) => s.label === 'signature').length).toBeGreaterThan(0);
  }

  /** The secrets found in `text`, by label. */
  function found(text: string, skip: (secret: Secret) => boolean = () => false): string[] {
    return secrets
      .filter((s) => !skip(s) && text.includes(s.value))
      .map((s) => `${s.label} (${s.value.slice(0, 6)}…)`);
  }

  const SIGNATURE = /Signature=[0-9a-fA-F]{8,}|SDK-HMAC-SHA256/;

  it('answers: bodies and headers carry none, apart from what the answer exists to deliver', () => {
    ready();
    expect(answers.length).toBeGreaterThan(200);
    const problems: string[] = [];
    for (const answer of answers) {
      const where = `${answer.role} ${answer.status} ${answer.url}`;
      const own = (s: Secret) => answer.carries.includes(s.value);
      for (const hit of found(answer.body, own)) problems.push(`${where} body: ${hit}`);
      if (SIGNATURE.test(answer.body)) problems.push(`${where} body: a signature`);
      for (const [name, value] of answer.headers) {
        const skip = (s: Secret) => own(s) || (s.cookie === true && name === 'set-cookie');
        for (const hit of found(value, skip)) problems.push(`${where} header ${name}: ${hit}`);
        if (SIGNATURE.test(value)) problems.push(`${where} header ${name}: a signature`);
      }
    }
    expect(problems).toEqual([]);
    // The faulty endpoint's answers came back as the console's own words.
    const upstreamErrors = answers.filter((answer) => answer.url.includes(`/${FAULT_REGION}/`));
    expect(upstreamErrors.length).toBeGreaterThanOrEqual(8);
    for (const answer of upstreamErrors) {
      const body = JSON.parse(answer.body) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['code', 'message', 'requestId', 'upstream']);
      expect(answer.headers.map(([name]) => name)).not.toContain('x-debug');
    }
  });

  it('the docker login command reached only the user who asked for it', () => {
    ready();
    const passwords = secrets.filter((s) => s.label === 'docker login password');
    for (const password of passwords) {
      const holders = answers.filter(
        (answer) =>
          answer.body.includes(password.value) ||
          answer.headers.some(([, value]) => value.includes(password.value)),
      );
      expect(holders.map((answer) => `${answer.role} ${answer.url}`)).toEqual([
        expect.stringMatching(/\/v2\/manage\/utils\/secret$/),
      ]);
    }
  });

  it("each ID token reached only its user's sign-out answer, each session cookie only Set-Cookie", () => {
    ready();
    const holders = (value: string) =>
      answers.filter(
        (answer) =>
          answer.body.includes(value) || answer.headers.some(([, text]) => text.includes(value)),
      );
    for (const token of secrets.filter((s) => s.label === 'ID token')) {
      expect(holders(token.value).map((answer) => answer.url)).toEqual(['POST /auth/logout']);
    }
    // The cookie as set (`s%3A<id>.<mac>`); its decoded form is in no answer at all.
    const cookies = secrets.filter((s) => s.label === 'session cookie');
    expect(cookies.length).toBe(8);
    for (const cookie of cookies) {
      const seen = holders(cookie.value);
      // Set at sign-in, and again whenever the session's activity is written (once a minute).
      if (cookie.value.startsWith('s%3A')) expect(seen.length).toBeGreaterThanOrEqual(1);
      else expect(seen).toEqual([]);
      for (const answer of seen) {
        expect(answer.body).not.toContain(cookie.value);
        expect(
          answer.headers.filter(
            ([name, text]) => name !== 'set-cookie' && text.includes(cookie.value),
          ),
        ).toEqual([]);
      }
    }
  });

  it('log lines: none', () => {
    ready();
    const lines = console_.stack.logLines;
    expect(lines.length).toBeGreaterThan(100);
    const problems = lines.flatMap((line, index) => [
      ...found(line).map((hit) => `line ${index}: ${hit}`),
      ...(SIGNATURE.test(line) ? [`line ${index}: a signature`] : []),
    ]);
    expect(problems).toEqual([]);
  });

  it('audit records, in the table and in the JSONL file sink: none', () => {
    ready();
    const records = allAuditRecords(console_.stack);
    expect(records.length).toBeGreaterThan(100);
    const table = records.map((record) => JSON.stringify(record));
    const file = readFileSync(auditFile, 'utf8')
      .split('\n')
      .filter((line) => line !== '');
    expect(file.length).toBeGreaterThanOrEqual(records.length);
    for (const [where, lines] of [
      ['table', table],
      ['file', file],
    ] as const) {
      const problems = lines.flatMap((line, index) => [
        ...found(line).map((hit) => `${where} record ${index}: ${hit}`),
        ...(SIGNATURE.test(line) ? [`${where} record ${index}: a signature`] : []),
      ]);
      expect(problems).toEqual([]);
    }
    // What was recorded is still useful: the createSecret issuing and the upstream failures.
    expect(records.filter((record) => record.event === 'swr.createSecret')).toHaveLength(2);
    expect(
      records.some((record) => record.outcome === 'failure' && record.upstream?.status === 500),
    ).toBe(true);
  });
});
