/**
 * The per-region circuit breaker on its own, with a clock the test moves: closed → open after
 * `threshold` failures in a row, refusing until the cool-down has passed, then one half-open
 * probe whose outcome closes or re-opens it; answers from an older period do not count.
 */
import { describe, expect, it } from 'vitest';
import {
  CircuitBreaker,
  type BreakerDecision,
  type BreakerPermit,
} from '../src/proxy/circuit-breaker';

const COOL_DOWN = 30_000;

function breaker(threshold = 3) {
  const clock = { now: 1_700_000_000_000 };
  const cb = new CircuitBreaker({ threshold, coolDownMs: COOL_DOWN, now: () => clock.now });
  return { cb, clock };
}

function permit(decision: BreakerDecision): BreakerPermit {
  if (!decision.allowed) throw new Error(`refused for ${decision.retryAfterMs} ms`);
  return decision.permit;
}

function fail(cb: CircuitBreaker, times: number): void {
  for (let i = 0; i < times; i += 1) permit(cb.acquire()).failed();
}

describe('closed', () => {
  it('lets calls through and opens after the threshold of failures in a row', () => {
    const { cb, clock } = breaker(3);
    fail(cb, 2);
    expect(cb.snapshot()).toEqual({
      state: 'closed',
      consecutiveFailures: 2,
      openedAt: null,
      probeAt: null,
      probing: false,
    });
    fail(cb, 1);
    expect(cb.snapshot()).toEqual({
      state: 'open',
      consecutiveFailures: 3,
      openedAt: clock.now,
      probeAt: clock.now + COOL_DOWN,
      probing: false,
    });
  });

  it('a success in between starts the count again', () => {
    const { cb } = breaker(3);
    fail(cb, 2);
    permit(cb.acquire()).succeeded();
    fail(cb, 2);
    expect(cb.snapshot()).toMatchObject({ state: 'closed', consecutiveFailures: 2 });
  });

  it('a released permit (aborted call) counts neither way', () => {
    const { cb } = breaker(2);
    fail(cb, 1);
    permit(cb.acquire()).released();
    expect(cb.snapshot()).toMatchObject({ state: 'closed', consecutiveFailures: 1 });
    fail(cb, 1);
    expect(cb.snapshot().state).toBe('open');
  });

  it('a permit settles once: a second verdict is ignored', () => {
    const { cb } = breaker(2);
    const p = permit(cb.acquire());
    p.failed();
    p.failed();
    expect(cb.snapshot()).toMatchObject({ state: 'closed', consecutiveFailures: 1 });
  });

  it('rejects a threshold below 1 and a cool-down that is not positive', () => {
    expect(() => new CircuitBreaker({ threshold: 0, coolDownMs: 1 })).toThrow(/threshold/);
    expect(() => new CircuitBreaker({ threshold: 1, coolDownMs: 0 })).toThrow(/cool-down/);
  });
});

describe('open', () => {
  it('refuses every call with the time left until the probe, which shrinks with the clock', () => {
    const { cb, clock } = breaker(1);
    fail(cb, 1);
    expect(cb.acquire()).toEqual({
      allowed: false,
      retryAfterMs: COOL_DOWN,
      consecutiveFailures: 1,
    });
    clock.now += 12_345;
    expect(cb.acquire()).toEqual({
      allowed: false,
      retryAfterMs: COOL_DOWN - 12_345,
      consecutiveFailures: 1,
    });
    clock.now += COOL_DOWN - 12_345 - 1;
    expect(cb.acquire()).toMatchObject({ allowed: false, retryAfterMs: 1 });
  });

  it('ignores late answers to calls let through while it was closed', () => {
    const { cb } = breaker(2);
    const early = permit(cb.acquire());
    const late = permit(cb.acquire());
    fail(cb, 2);
    expect(cb.snapshot().state).toBe('open');
    early.succeeded();
    late.failed();
    expect(cb.snapshot()).toMatchObject({ state: 'open', consecutiveFailures: 2 });
    expect(cb.acquire().allowed).toBe(false);
  });
});

describe('half-open', () => {
  it('after the cool-down lets exactly one probe through; the others are refused meanwhile', () => {
    const { cb, clock } = breaker(2);
    fail(cb, 2);
    clock.now += COOL_DOWN;
    expect(cb.snapshot()).toMatchObject({ state: 'half-open', probeAt: null, probing: false });
    const probe = cb.acquire();
    expect(probe).toMatchObject({ allowed: true, permit: { probe: true } });
    expect(cb.snapshot()).toMatchObject({ state: 'half-open', probing: true });
    expect(cb.acquire()).toEqual({ allowed: false, retryAfterMs: 0, consecutiveFailures: 2 });
  });

  it('a successful probe closes it and clears the count', () => {
    const { cb, clock } = breaker(2);
    fail(cb, 2);
    clock.now += COOL_DOWN;
    permit(cb.acquire()).succeeded();
    expect(cb.snapshot()).toEqual({
      state: 'closed',
      consecutiveFailures: 0,
      openedAt: null,
      probeAt: null,
      probing: false,
    });
    const next = cb.acquire();
    expect(next).toMatchObject({ allowed: true, permit: { probe: false } });
  });

  it('a failed probe opens it for a whole new cool-down', () => {
    const { cb, clock } = breaker(2);
    fail(cb, 2);
    clock.now += COOL_DOWN + 5_000;
    permit(cb.acquire()).failed();
    expect(cb.snapshot()).toMatchObject({
      state: 'open',
      consecutiveFailures: 3,
      openedAt: clock.now,
      probeAt: clock.now + COOL_DOWN,
    });
    expect(cb.acquire()).toMatchObject({ allowed: false, retryAfterMs: COOL_DOWN });
    clock.now += COOL_DOWN;
    expect(cb.acquire()).toMatchObject({ allowed: true, permit: { probe: true } });
  });

  it('a released probe frees the slot for the next call to probe', () => {
    const { cb, clock } = breaker(1);
    fail(cb, 1);
    clock.now += COOL_DOWN;
    permit(cb.acquire()).released();
    expect(cb.snapshot()).toMatchObject({ state: 'half-open', probing: false });
    expect(cb.acquire()).toMatchObject({ allowed: true, permit: { probe: true } });
  });

  it('an answer from before it opened does not close it', () => {
    const { cb, clock } = breaker(1);
    const old = permit(cb.acquire());
    fail(cb, 1);
    clock.now += COOL_DOWN;
    const probe = permit(cb.acquire());
    old.succeeded();
    expect(cb.snapshot()).toMatchObject({ state: 'half-open', probing: true });
    probe.failed();
    expect(cb.snapshot().state).toBe('open');
  });
});
