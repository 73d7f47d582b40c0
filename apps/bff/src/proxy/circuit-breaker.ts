/**
 * A circuit breaker for one SWR region, pure and driven by an injected clock. Closed: every call
 * goes through, and `threshold` failures in a row (network error, timeout, 5xx, 429; judged once
 * per call, after its retries) open it. Open: calls are refused at once, without reaching SWR,
 * until `coolDownMs` have passed. Half-open: one probe call goes through (the others are still
 * refused); its success closes the breaker, its failure opens it for another cool-down.
 *
 * `acquire()` asks for a permit; each permit is settled once with `succeeded`, `failed` or
 * `released` (the call ended without saying anything about the region, e.g. it was aborted).
 * Only permits of the current period count: a late answer to a call made while the breaker was
 * closed neither closes an open breaker nor re-opens one that recovered.
 */

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** Failures in a row that open the breaker (at least 1). */
  threshold: number;
  /** How long the breaker stays open before it lets a probe through. */
  coolDownMs: number;
  /** Milliseconds since the epoch; `Date.now` unless a test drives time. */
  now?: () => number;
}

export interface BreakerPermit {
  /** This call is the half-open probe whose outcome closes or re-opens the breaker. */
  readonly probe: boolean;
  succeeded(): void;
  failed(): void;
  /** The call ended without a verdict on the region (aborted by its caller). */
  released(): void;
}

export type BreakerDecision =
  | { allowed: true; permit: BreakerPermit }
  | {
      allowed: false;
      /** Until the next probe may go (0 when a probe is in flight now). */
      retryAfterMs: number;
      consecutiveFailures: number;
    };

export interface BreakerSnapshot {
  state: BreakerState;
  consecutiveFailures: number;
  /** When the breaker opened last (ms since the epoch), while it is not closed. */
  openedAt: number | null;
  /** When an open breaker lets its probe through (ms since the epoch), while it is open. */
  probeAt: number | null;
  /** Whether a half-open probe is in flight. */
  probing: boolean;
}

export class CircuitBreaker {
  private state: BreakerState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private probing = false;
  /** Bumped on every state change; a permit of an older period is not counted. */
  private period = 0;
  private readonly now: () => number;

  constructor(private readonly options: BreakerOptions) {
    if (!Number.isInteger(options.threshold) || options.threshold < 1) {
      throw new Error('the breaker threshold is a whole number of at least 1');
    }
    if (!(options.coolDownMs > 0)) throw new Error('the breaker cool-down is positive');
    this.now = options.now ?? Date.now;
  }

  /** Lets a call through (with a permit to settle) or refuses it, saying for how long. */
  acquire(): BreakerDecision {
    if (this.state === 'open' && this.now() >= this.openedAt + this.options.coolDownMs) {
      this.moveTo('half-open');
    }
    if (this.state === 'closed') return { allowed: true, permit: this.permit(false) };
    if (this.state === 'half-open' && !this.probing) {
      this.probing = true;
      return { allowed: true, permit: this.permit(true) };
    }
    return {
      allowed: false,
      retryAfterMs:
        this.state === 'open'
          ? Math.max(0, this.openedAt + this.options.coolDownMs - this.now())
          : 0,
      consecutiveFailures: this.failures,
    };
  }

  snapshot(): BreakerSnapshot {
    // An open breaker whose cool-down has passed is half-open, even before a call asks.
    const cooled = this.state === 'open' && this.now() >= this.openedAt + this.options.coolDownMs;
    const state = cooled ? 'half-open' : this.state;
    return {
      state,
      consecutiveFailures: this.failures,
      openedAt: state === 'closed' ? null : this.openedAt,
      probeAt: state === 'open' ? this.openedAt + this.options.coolDownMs : null,
      probing: state === 'half-open' && this.probing,
    };
  }

  private moveTo(state: BreakerState): void {
    this.state = state;
    this.period += 1;
    this.probing = false;
    if (state === 'open') this.openedAt = this.now();
    if (state === 'closed') this.failures = 0;
  }

  private permit(probe: boolean): BreakerPermit {
    const period = this.period;
    let settled = false;
    const settle = (verdict: 'success' | 'failure' | 'none') => {
      if (settled) return;
      settled = true;
      if (period !== this.period) return;
      if (probe) {
        if (verdict === 'success') this.moveTo('closed');
        else if (verdict === 'failure') {
          this.failures += 1;
          this.moveTo('open');
        } else this.probing = false;
        return;
      }
      if (verdict === 'success') this.failures = 0;
      else if (verdict === 'failure') {
        this.failures += 1;
        if (this.failures >= this.options.threshold) this.moveTo('open');
      }
    };
    return {
      probe,
      succeeded: () => {
        settle('success');
      },
      failed: () => {
        settle('failure');
      },
      released: () => {
        settle('none');
      },
    };
  }
}
