/**
 * Waits for something another process or the background does (a replica, Redis coming back, a
 * refresh): `check` is called again, each call waiting on I/O, until it holds. No timer sets the
 * pace: each try follows the last.
 *
 * At the deadline the last failed expectation is thrown, not whatever the last try ran into: a
 * check that polls the BFF runs out of the test user's read limit long before the deadline, and
 * the 429 that follows would hide what never came (e.g. a record count's diff).
 */
export async function eventually(check: () => Promise<void>, deadlineMs = 20_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  let expectation: unknown;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (isFailedExpectation(error)) expectation = error;
      if (Date.now() > until) throw expectation ?? error;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

/** What `expect` throws when a value is not as expected (vitest's and chai's AssertionError). */
function isFailedExpectation(error: unknown): boolean {
  return error instanceof Error && error.name === 'AssertionError';
}
