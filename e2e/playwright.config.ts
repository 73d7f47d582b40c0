/**
 * End-to-end tests in Debian's Chromium (never a downloaded browser) against the whole console:
 * the built SPA served by the BFF, the emulator and a real OIDC provider, started by the global
 * setup. Specs wait on state, never on time.
 */
import { defineConfig } from '@playwright/test';
import { E2E_ORIGIN } from './support/stack';

export default defineConfig({
  testDir: './tests',
  globalSetup: './support/global-setup.ts',
  outputDir: './test-results',
  fullyParallel: false,
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
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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
