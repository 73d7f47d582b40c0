/**
 * Simulated users working through the HA stack's load balancer (the load test's users,
 * bench/load/users.ts), each with a session signed in through the OpenID Provider. No timers: a
 * user's next call follows its last answer, and a scenario moves on when enough answers of a
 * kind have come (`seen`) or enough changes are in flight (`changesInFlight`), then stops the
 * users once it is done.
 */
import { OIDC_ACCOUNTS, type TestAccount } from '@swr-dashboard/test-support';
import { pushToEmulator } from '../../../../bench/load/run-load';
import { LoadSession, type Sample } from '../../../../bench/load/session';
import {
  Admin,
  Operator,
  roleOf,
  Viewer,
  type Role,
  type SimUser,
  type World,
} from '../../../../bench/load/users';
import { REGION, SWR, type HaStack } from './ha-stack';

const ACCOUNTS: Record<Role, TestAccount> = {
  admin: OIDC_ACCOUNTS.admin,
  operator: OIDC_ACCOUNTS.operator,
  viewer: OIDC_ACCOUNTS.viewer,
};

interface Waiter {
  test: (sample: Sample) => boolean;
  remaining: number;
  done: () => void;
}

export class HaLoad {
  readonly samples: Sample[] = [];
  readonly startedAt = performance.now();
  readonly sessions: LoadSession[] = [];
  readonly users: SimUser[] = [];
  /** Each session's account. */
  readonly accounts: TestAccount[] = [];
  private readonly waiters = new Set<Waiter>();
  private inFlight = 0;
  private inFlightWaiter: { n: number; done: () => void } | undefined;
  private stopping = false;

  private constructor(private readonly stack: HaStack) {}

  /** `count` users signed in through the balancer; the operators' organizations made. */
  static async start(stack: HaStack, label: string, count: number): Promise<HaLoad> {
    const load = new HaLoad(stack);
    const emulatorUrl = stack.emulator.regions.find((region) => region.id === REGION)?.url ?? '';
    const world: World = {
      api: SWR,
      push: (namespace, repository, tag) =>
        pushToEmulator(emulatorUrl, { namespace, repository, tag, size: 1024 }),
      think: () => new Promise((resolve) => setImmediate(resolve)),
    };
    for (let i = 0; i < count; i += 1) await load.addUser(label, i, world);
    await load.createOrganizations();
    return load;
  }

  private async addUser(label: string, index: number, world: World): Promise<void> {
    const role = roleOf(index);
    const account = ACCOUNTS[role];
    const browser = await this.stack.signIn(account);
    const session = new LoadSession(
      `${label}${String(index)}`,
      () => this.stack.origin,
      this.startedAt,
      (sample) => {
        this.record(sample);
      },
      (mutation, delta) => {
        this.track(mutation, delta);
      },
    );
    session.adoptCookies(browser.cookies);
    const id = session.user;
    const User = role === 'admin' ? Admin : role === 'operator' ? Operator : Viewer;
    this.sessions.push(session);
    this.users.push(new User(id, role, session, world));
    this.accounts.push(account);
  }

  private async createOrganizations(): Promise<void> {
    const admin = this.sessions[0];
    if (admin === undefined || roleOf(0) !== 'admin') throw new Error('user 0 must be an admin');
    for (const user of this.users) {
      if (!(user instanceof Operator)) continue;
      const answer = await admin.call('POST', `${SWR}/namespaces`, 'createNamespace', {
        json: { namespace: user.namespace },
      });
      if (answer.status !== 201) throw new Error(`creating ${user.namespace}: ${answer.status}`);
    }
  }

  private record(sample: Sample): void {
    this.samples.push(sample);
    for (const waiter of this.waiters) {
      if (!waiter.test(sample)) continue;
      waiter.remaining -= 1;
      if (waiter.remaining > 0) continue;
      this.waiters.delete(waiter);
      waiter.done();
    }
  }

  private track(mutation: boolean, delta: 1 | -1): void {
    if (!mutation) return;
    this.inFlight += delta;
    if (this.inFlightWaiter !== undefined && this.inFlight >= this.inFlightWaiter.n) {
      this.inFlightWaiter.done();
      this.inFlightWaiter = undefined;
    }
  }

  /** Resolves once `n` more answers pass `test`. */
  seen(n: number, test: (sample: Sample) => boolean): Promise<void> {
    return new Promise((done) => {
      this.waiters.add({ test, remaining: n, done });
    });
  }

  /** Resolves once at least `n` changes are sent and not yet answered. */
  changesInFlight(n: number): Promise<void> {
    if (this.inFlight >= n) return Promise.resolve();
    return new Promise((done) => {
      this.inFlightWaiter = { n, done };
    });
  }

  /** Milliseconds since the load started (the samples' clock). */
  now(): number {
    return performance.now() - this.startedAt;
  }

  /** The users work until `scenario` is done, then finish the step they are in. */
  async run(scenario: () => Promise<void>): Promise<void> {
    this.stopping = false;
    const loops = this.users.map(async (user) => {
      while (!this.stopping) {
        await user.step();
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
    try {
      await scenario();
    } finally {
      this.stopping = true;
      await Promise.all(loops);
    }
  }

  /** Each session's `/api/me` through the balancer: those no longer signed in as their user. */
  async lostSessions(): Promise<string[]> {
    const lost: string[] = [];
    for (const [index, session] of this.sessions.entries()) {
      const me = await session.call('GET', '/api/me', 'me');
      const email = (me.json as { user?: { email?: unknown } } | undefined)?.user?.email;
      if (me.status !== 200 || email !== this.accounts[index]?.email)
        lost.push(`${session.user}: ${String(me.status)}`);
    }
    return lost;
  }
}
