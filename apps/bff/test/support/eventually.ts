/**
 * Waits for something another process or the background does (a replica, Redis coming back, a
 * refresh): `check` is called again, each call waiting on I/O, until it holds; at the deadline
 * its last failure is thrown. No timer sets the pace: each try follows the last.
 */
export async function eventually(check: () => Promise<void>, deadlineMs = 20_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
