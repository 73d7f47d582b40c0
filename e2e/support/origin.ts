/**
 * Where the console listens during the end-to-end run. Apart from stack.ts so that the config and
 * the workers read it without loading the BFF and the emulator (only the global setup runs them).
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 4180);
export const E2E_ORIGIN = `http://127.0.0.1:${E2E_PORT}`;
