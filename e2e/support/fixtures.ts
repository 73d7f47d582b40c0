/**
 * What specs share: the sessions of each role (signed in once per run, see sessions.ts), signing
 * in through the real OIDC provider's login form, seeding data through the console's own API (with
 * the signed-in user's cookie), the accessibility check, and screenshots of each page in the light
 * and the dark theme.
 */
import { expect, request, test as base, type APIRequestContext, type Page } from '@playwright/test';
import { signRequest } from '@swr-dashboard/swr-client';
import type { FaultInput } from '@swr-dashboard/emulator';
import { CONSOLE_KEY, OIDC_ACCOUNTS } from '@swr-dashboard/test-support';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { sessionCookies, type AccountRole, type SessionRole } from './sessions';
import { E2E_ORIGIN } from './origin';

export type { AccountRole, SessionRole };

/**
 * Where specs land unless they say: a light page. (The console's own start, the Overview, reads
 * every repository's triggers and shares; only its spec should pay for that.)
 */
const DEFAULT_LANDING = '/cn-north-4/organizations';

/**
 * Signs in through the provider's login and consent forms in the browser, then opens `returnTo`.
 * For the specs of signing in and out; others use {@link signIn}.
 */
export async function signInThroughForm(
  page: Page,
  role: AccountRole,
  returnTo = DEFAULT_LANDING,
): Promise<void> {
  const account = OIDC_ACCOUNTS[role];
  await page.goto(returnTo);
  await page.getByRole('link', { name: 'Sign in with your company account' }).click();
  await page.locator('input[name="login"]').fill(account.id);
  await page.locator('input[name="password"]').fill('any-password');
  await page.locator('button[type="submit"]').click();
  // The provider asks for consent once per sign-in.
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => url.origin === E2E_ORIGIN && !url.pathname.startsWith('/signin'));
  await expect(page.getByText(account.preferredUsername, { exact: true })).toBeVisible();
}

/**
 * Gives the page's browser context the session of `role` (signed in once for the run), without
 * opening anything: for specs that seed data through the API before their first page load. A
 * spec that signs out must use {@link signInThroughForm}, so a shared session is never ended.
 */
export async function useSession(page: Page, role: SessionRole): Promise<void> {
  await page.context().addCookies(sessionCookies(role));
}

/** Signs in as `role` (the run's session of that role) and opens `returnTo`. */
export async function signIn(
  page: Page,
  role: SessionRole,
  returnTo = DEFAULT_LANDING,
): Promise<void> {
  await useSession(page, role);
  await page.goto(returnTo);
  await expect(
    page.getByText(OIDC_ACCOUNTS[role].preferredUsername, { exact: true }),
  ).toBeVisible();
}

/**
 * An API client signed in as `role`, apart from any page: to seed what the page's own user may
 * not (an admin's data for a viewer's spec) without opening the console a second time. Pass it
 * as `{ request }` to {@link consoleApi} or {@link pushTag}; dispose of it when done.
 */
export function sessionRequest(role: SessionRole): Promise<APIRequestContext> {
  return request.newContext({
    baseURL: E2E_ORIGIN,
    storageState: { cookies: sessionCookies(role), origins: [] },
  });
}

/** Whatever sends the HTTP calls: a page (its context's cookies) or a {@link sessionRequest}. */
export interface Requester {
  request: APIRequestContext;
}

export interface ConsoleApi {
  /** Calls `/api/swr/<region><path>` as the signed-in user; fails the test on an error. */
  swr(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    region?: string,
  ): Promise<unknown>;
}

export function consoleApi(page: Requester): ConsoleApi {
  return {
    async swr(method, path, body, region = 'cn-north-4') {
      const response = await page.request.fetch(`/api/swr/${region}${path}`, {
        method,
        headers: { 'X-CSRF': '1', Origin: E2E_ORIGIN, 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { data: JSON.stringify(body) }),
      });
      const text = await response.text();
      expect(response.status(), `${method} ${path}: ${text}`).toBeLessThan(300);
      return text === '' ? undefined : (JSON.parse(text) as unknown);
    },
  };
}

/**
 * A signed call straight at a region of the emulator, never through the console (a CI pipeline's
 * push, or the emulator's own test endpoints).
 */
async function emulatorCall(
  page: Requester,
  region: string,
  method: 'POST' | 'PUT' | 'DELETE',
  path: string,
  payload?: unknown,
): Promise<void> {
  const endpoints = JSON.parse(process.env.E2E_EMULATOR ?? '{}') as Record<string, string>;
  const endpoint = endpoints[region];
  if (endpoint === undefined) throw new Error(`no emulator for ${region}`);
  const body = payload === undefined ? '' : JSON.stringify(payload);
  const headers = signRequest({
    method,
    url: `${endpoint}${path}`,
    headers: payload === undefined ? {} : { 'Content-Type': 'application/json' },
    body,
    credentials: { ak: CONSOLE_KEY.ak, sk: CONSOLE_KEY.sk },
  });
  const response = await page.request.fetch(`${endpoint}${path}`, {
    method,
    headers,
    ...(payload === undefined ? {} : { data: body }),
  });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
}

/**
 * Simulates a `docker push` of a tag at the emulator (signed with the console key), as a CI
 * pipeline would push; `created` backdates it.
 */
export async function pushTag(
  page: Requester,
  push: { namespace: string; repository: string; tag: string; size?: number; created?: string },
  region = 'cn-north-4',
): Promise<void> {
  await emulatorCall(page, region, 'POST', '/emulator/push', push);
}

/**
 * The emulator's faults in one region (apps/emulator/README.md, "Fault injection"). A region's
 * faults are shared by every worker: specs that set them keep to routes naming their own data, in
 * a region the other specs leave alone, and clear them when done.
 */
export function emulatorFaults(page: Requester, region: string) {
  return {
    set: (faults: FaultInput[]) =>
      emulatorCall(page, region, 'PUT', '/emulator/faults', { faults }),
    clear: () => emulatorCall(page, region, 'DELETE', '/emulator/faults'),
  };
}

/** axe-core's script, the very version `@axe-core/playwright` runs. */
const AXE_SOURCE = (
  createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright'))('axe-core') as {
    source: string;
  }
).source;

/** The WCAG 2 A and AA rules. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * No serious or critical accessibility violation (axe: the WCAG 2 A and AA rules, or only
 * `rules`). axe runs in the page itself, injected once per document (its script is 1.3 MB) and
 * asked for violations only: `@axe-core/playwright` injected it twice per check and returned every
 * passing node as well, twice the CPU for the same verdict.
 */
export async function expectAccessible(page: Page, rules?: string[]): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(
    async ({ tags, rules }) => {
      const { axe } = window as unknown as {
        axe: {
          run(context: Document, options: object): Promise<{ violations: AxeViolation[] }>;
        };
      };
      const runOnly =
        rules === undefined ? { type: 'tag', values: tags } : { type: 'rule', values: rules };
      return (await axe.run(document, { runOnly, resultTypes: ['violations'] })).violations;
    },
    { tags: WCAG_TAGS, rules },
  );
  const serious = violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5),
    }));
  expect(serious).toEqual([]);
}

const SCREENSHOTS = join(import.meta.dirname, '..', 'screenshots');

/** Saves the page in the light and the dark theme (an artifact, not committed), and checks both. */
export async function snapshotThemes(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('html')).toHaveClass(scheme === 'dark' ? /dark/ : /^(?!.*dark).*$/);
    // Colours still fading to the theme's (the buttons' transitions) would be judged half-way.
    await page.evaluate(() =>
      Promise.all(
        document
          .getAnimations()
          .filter((animation) => animation instanceof CSSTransition)
          .map((animation) => animation.finished.catch(() => undefined)),
      ),
    );
    // Only colours change with the theme, so the dark theme is checked for contrast alone.
    await expectAccessible(page, scheme === 'dark' ? ['color-contrast'] : undefined);
    await page.screenshot({
      path: join(SCREENSHOTS, `${name}-${scheme}.png`),
      fullPage: true,
      // Transitions (the buttons' colours) end at once: the shot shows the theme, not a blend.
      animations: 'disabled',
    });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

export const test = base;
export { expect };

/** A name no other spec or run uses. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}
