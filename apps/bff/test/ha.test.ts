/**
 * Several replicas (issue 14, "Done when"): two BFF processes on one PostgreSQL and one Redis
 * behind HAProxy, users signed in through the real OpenID Provider (support/ha-stack.ts).
 *
 * - A sign-in that starts on one replica ends on the other, and the user's requests land on both.
 * - Sign-out, and an admin ending a user's sessions, hold on both replicas at once.
 * - The docker-login limit is one budget across the replicas.
 * - The audit trail is one trail, with the records of both.
 * - `kill -9` of a replica under a 20-user load: the balancer routes around it, no session is
 *   lost, every acknowledged change has exactly one record, every change that reached SWR has
 *   its record, and only answers in flight at the kill are lost.
 * - PostgreSQL, then Redis, stopped and started again under load: clear 503s, nothing sent
 *   without its record, and the replicas recover by themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OIDC_ACCOUNTS } from '@swr-dashboard/test-support';
import {
  emulatorVerdict,
  judgeAudit,
  unmapped5xx,
  type AuditRow,
  type ParsedRecord,
} from '../../../bench/load/checks';
import type { Sample } from '../../../bench/load/session';
import { HaLoad } from './support/ha-load';
import { eventually } from './support/eventually';
import {
  isMutating,
  LOGIN_COMMANDS_PER_HOUR,
  REGION,
  startHaStack,
  SWR,
  type HaStack,
} from './support/ha-stack';
import { signInWithOidc } from './support/oidc-flow';
import { Browser } from './support/stack';

const SECRET = `${SWR}/utils/secret`;

interface TrailRecord {
  event: string;
  outcome: string;
  request: { id: string };
  bff: { instance: string };
}

const parse = (row: AuditRow) => JSON.parse(row.record) as TrailRecord;
const servedBy = (reply: { headers: Headers }) => reply.headers.get('x-served-by') ?? '';
const acknowledged = (sample: Sample) =>
  sample.mutation && sample.status >= 200 && sample.status < 300;
/** An answer the BFF did not give: none at all, or the balancer's own 5xx. */
const lostAnswer = (sample: Sample) =>
  sample.status === 0 || (sample.status >= 500 && !sample.errorShape);

/** The trail's rows of the load's changes (its sign-ins are not the load's samples). */
async function changeRows(stack: HaStack, afterSeq: number): Promise<AuditRow[]> {
  const rows = await stack.auditRows(afterSeq);
  return rows.filter((row) => !parse(row).event.startsWith('login.'));
}

/** Changes that reached the emulator since `from` without a record of their request id. */
function unaudited(stack: HaStack, from: number, rows: readonly AuditRow[]): string[] {
  const recorded = new Set(rows.map((row) => parse(row).request.id));
  return stack.tapped
    .slice(from)
    .filter((request) => isMutating(request.method) && !recorded.has(request.requestId))
    .map((request) => `${request.method} ${request.path} ${request.requestId}`);
}

/** The load's verdicts that hold whatever happened during it. */
async function expectConsistent(
  stack: HaStack,
  load: HaLoad,
  since: { seq: number; tap: number },
  explainsPending: (sample: Sample | undefined, record: ParsedRecord) => boolean,
): Promise<void> {
  expect(load.samples.filter((sample) => sample.status === 401)).toEqual([]);
  expect(await load.lostSessions()).toEqual([]);
  // A finish the database refused is written when it is back (within the trail's next retry).
  await eventually(async () => {
    const rows = await changeRows(stack, since.seq);
    const audit = judgeAudit(rows, load.samples, explainsPending);
    expect(audit).toMatchObject({
      missing: [],
      wrong: [],
      duplicates: [],
      malformed: 0,
      unknown: 0,
      unexplainedPending: [],
      ok: true,
    });
    expect(audit.matched).toBe(audit.acknowledged);
    expect(unaudited(stack, since.tap, rows)).toEqual([]);
  });
  const expected = load.users.filter((user) => user.role !== 'viewer').map((u) => u.expected());
  const emulator = emulatorVerdict(stack.emulatorDb, REGION, expected);
  expect(emulator.contradictions).toEqual([]);
  expect(emulator.ok).toBe(true);
}

describe('two BFF replicas on PostgreSQL and Redis behind a load balancer', () => {
  let stack: HaStack;
  beforeAll(async () => {
    stack = await startHaStack();
  }, 120_000);
  afterAll(async () => {
    await stack.close();
  }, 60_000);

  const mark = async () => ({ seq: await stack.lastSeq(), tap: stack.tapped.length });

  it('signs a user in across both replicas and serves them from both', async () => {
    const browser = new Browser(stack.origin);
    const { start, reply } = await signInWithOidc(browser, OIDC_ACCOUNTS.admin.id);
    expect(reply.status).toBe(302);
    // Round robin: the sign-in began on one replica and its callback came to the other, which
    // found the sign-in transaction in the shared database.
    expect(servedBy(start)).not.toBe(servedBy(reply));
    const served = new Set<string>();
    for (let i = 0; i < 6; i += 1) {
      const me = await browser.get('/api/me');
      expect(me.status).toBe(200);
      expect(me.json).toMatchObject({ user: { email: OIDC_ACCOUNTS.admin.email } });
      served.add(servedBy(me));
    }
    expect([...served].sort()).toEqual(['bff0', 'bff1']);
  });

  it('ends a session on both replicas at sign-out', async () => {
    const browser = await stack.signIn(OIDC_ACCOUNTS.operator);
    const copies = [stack.direct(0, browser), stack.direct(1, browser)];
    for (const copy of copies) expect((await copy.get('/api/me')).status).toBe(200);
    expect((await browser.request('POST', '/auth/logout')).status).toBe(200);
    for (const copy of copies) expect((await copy.get('/api/me')).status).toBe(401);
  });

  it('ends all of a user’s sessions on both replicas when an admin ends them', async () => {
    const admin = await stack.signIn(OIDC_ACCOUNTS.admin);
    const browsers = [
      await stack.signIn(OIDC_ACCOUNTS.viewer),
      await stack.signIn(OIDC_ACCOUNTS.viewer),
    ];
    const copies = browsers.flatMap((browser) => [0, 1].map((i) => stack.direct(i, browser)));
    for (const copy of copies) expect((await copy.get('/api/me')).status).toBe(200);
    const list = await admin.get('/api/sessions');
    const users = (list.json as { users: { key: string; sessions: number }[] }).users;
    // The identity key is `<issuer>|<subject>`.
    const victor = users.find((user) => user.key.endsWith(`|${OIDC_ACCOUNTS.viewer.id}`));
    expect(victor?.sessions).toBe(2);
    const ended = await admin.request(
      'DELETE',
      `/api/sessions?user=${encodeURIComponent(victor?.key ?? '')}`,
    );
    expect(ended.json).toEqual({ ended: 2 });
    for (const copy of copies) expect((await copy.get('/api/me')).status).toBe(401);
  });

  it('holds the docker-login limit across the replicas: one budget, nothing sent past it', async () => {
    const operator = await stack.signIn(OIDC_ACCOUNTS.operator);
    const served = new Set<string>();
    for (let i = 0; i < LOGIN_COMMANDS_PER_HOUR; i += 1) {
      const reply = await operator.request('POST', SECRET);
      expect(reply.status, reply.text).toBe(200);
      served.add(servedBy(reply));
    }
    expect(served.size).toBe(2);
    const sent = () => stack.tapped.filter((request) => request.path.endsWith('/utils/secret'));
    const before = sent().length;
    for (const replica of [0, 1]) {
      const refused = await stack.direct(replica, operator).request('POST', SECRET);
      expect(refused.status).toBe(429);
      expect(refused.json).toMatchObject({ code: 'rate_limited' });
    }
    expect(sent()).toHaveLength(before);
  });

  it('keeps one audit trail that holds the records of both replicas', async () => {
    const secrets = (await stack.auditRows())
      .map(parse)
      .filter((record) => record.event === 'swr.createSecret' && record.outcome === 'success');
    expect(secrets).toHaveLength(LOGIN_COMMANDS_PER_HOUR);
    const pids = stack.replicas.map((replica) => `:${String(replica.process.pid)}`);
    const writers = new Set(secrets.map((record) => record.bff.instance));
    expect(writers.size).toBe(2);
    for (const pid of pids) expect([...writers].some((w) => w.endsWith(pid))).toBe(true);
    // Either replica answers with the whole trail.
    const admin = await stack.signIn(OIDC_ACCOUNTS.admin);
    for (const replica of [0, 1]) {
      const page = await stack
        .direct(replica, admin)
        .get('/api/audit?action=swr.createSecret&outcome=success');
      expect((page.json as { total: number }).total).toBe(LOGIN_COMMANDS_PER_HOUR);
    }
  });

  it('routes around a replica killed (-9) under a 20-user load: no session lost, every change audited', async () => {
    const since = await mark();
    const load = await HaLoad.start(stack, 'k', 20);
    let deadAt = Number.POSITIVE_INFINITY;
    await load.run(async () => {
      await load.seen(30, acknowledged);
      await load.changesInFlight(3);
      await stack.kill(1);
      deadAt = load.now();
      await load.seen(60, (sample) => acknowledged(sample) && sample.at > deadAt);
    });
    const servers = await stack.balancer.servers();
    expect(servers.find((server) => server.name === 'bff1')?.status).toMatch(/^DOWN/);
    // Only answers in flight when the replica died were lost; the BFF's own 5xx are upstream
    // errors.
    const lost = load.samples.filter(lostAnswer);
    expect(lost.filter((sample) => sample.at >= deadAt)).toEqual([]);
    expect(lost.length).toBeLessThanOrEqual(20);
    expect(unmapped5xx(load.samples.filter((sample) => !lostAnswer(sample)))).toEqual([]);
    const lostIds = new Set(lost.map((sample) => sample.requestId));
    // A change whose answer the kill lost may stay pending (its replica is gone).
    await expectConsistent(
      stack,
      load,
      since,
      (sample) => sample !== undefined && lostIds.has(sample.requestId),
    );

    await stack.restart(1);
    const served = new Set<string>();
    const admin = await stack.signIn(OIDC_ACCOUNTS.admin);
    for (let i = 0; i < 4; i += 1) served.add(servedBy(await admin.get('/api/me')));
    expect(served.size).toBe(2);
  }, 180_000);

  it('refuses changes with 503 audit_unavailable while PostgreSQL is down, sends none, serves reads, and recovers', async () => {
    const since = await mark();
    const load = await HaLoad.start(stack, 'p', 10);
    let haltedAt = Number.POSITIVE_INFINITY;
    let restartedAt = Number.POSITIVE_INFINITY;
    const refused = (sample: Sample) => sample.code === 'audit_unavailable';
    await load.run(async () => {
      await load.seen(20, acknowledged);
      haltedAt = load.now();
      await stack.postgres.halt();
      await Promise.all([
        load.seen(10, refused),
        load.seen(20, (s) => !s.mutation && s.status === 200 && s.at > haltedAt),
      ]);
      await stack.postgres.restart();
      restartedAt = load.now();
      await load.seen(20, (sample) => acknowledged(sample) && sample.at > restartedAt);
    });
    const refusals = load.samples.filter(refused);
    expect(refusals.every((s) => s.status === 503 && s.mutation && s.errorShape)).toBe(true);
    expect(unmapped5xx(load.samples.filter((s) => !refused(s)))).toEqual([]);
    // A change answered in the outage was opened before it; its finish waited for the database.
    await expectConsistent(stack, load, since, () => false);
  }, 180_000);

  it('answers 503 while Redis is down, sends nothing, and recovers with every session', async () => {
    const since = await mark();
    const load = await HaLoad.start(stack, 'r', 10);
    let killedAt = Number.POSITIVE_INFINITY;
    let restartedAt = Number.POSITIVE_INFINITY;
    const unavailable = (s: Sample) =>
      s.code === 'store_unavailable' || s.code === 'limits_unavailable';
    await load.run(async () => {
      await load.seen(20, acknowledged);
      killedAt = load.now();
      await stack.redis.kill();
      await load.seen(20, (s) => unavailable(s) && s.at > killedAt);
      const sentWhileDown = stack.tapped.length;
      await load.seen(10, (s) => unavailable(s) && s.at > killedAt);
      // Nothing reached SWR once Redis was known to be down.
      expect(stack.tapped.slice(sentWhileDown).filter((r) => isMutating(r.method))).toEqual([]);
      await stack.redis.restart();
      restartedAt = load.now();
      await load.seen(20, (sample) => acknowledged(sample) && sample.at > restartedAt);
    });
    const refusals = load.samples.filter(unavailable);
    expect(refusals.every((s) => s.status === 503 && s.errorShape)).toBe(true);
    expect(unmapped5xx(load.samples.filter((s) => !unavailable(s)))).toEqual([]);
    await expectConsistent(stack, load, since, () => false);
  }, 180_000);
});
