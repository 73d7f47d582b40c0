/**
 * End-to-end tests in Debian's Chromium (never a downloaded browser) against the whole console:
 * the built SPA served by the BFF, the emulator and a real OIDC provider, started by the global
 * setup. Specs wait on state, never on time.
 *
 * What the run costs is CPU (2 cores): e2e/README.md says where it goes and why these settings.
 */
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { E2E_ORIGIN } from './support/origin';

/**
 * Debian's headless shell (package chromium-headless-shell, the same Chromium build) when it is
 * installed: it has no browser UI to render for every context, about 40% less CPU than the full
 * browser in headless mode. The full `chromium` otherwise; `CHROMIUM_PATH` chooses either.
 */
const HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';
const CHROMIUM =
  process.env.CHROMIUM_PATH ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium');

export default defineConfig({
  testDir: './tests',
  globalSetup: './support/global-setup.ts',
  outputDir: './test-results',
  // Tests, not files, are shared out, so neither worker idles while the other finishes a long file
  // (a file whose tests share state says so with `test.describe.configure({ mode: 'serial' })`).
  fullyParallel: true,
  // Two cores: a third worker only takes CPU from the other two and from the console they test.
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: './test-results/report.json' }]],
  use: {
    baseURL: E2E_ORIGIN,
    browserName: 'chromium',
    headless: true,
    locale: 'en-US',
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    // A failed test keeps its trace: actions, DOM snapshots, network, console. Not the screencast
    // (`screenshots`): it makes Chromium paint and encode frames all through every test, which
    // cost more than half of each page load's CPU. `--trace on` brings it back for one run.
    trace: { mode: 'retain-on-failure', screenshots: false },
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-default-apps',
        '--disable-extensions',
        '--metrics-recording-only',
        '--no-default-browser-check',
      ],
    },
  },
});
