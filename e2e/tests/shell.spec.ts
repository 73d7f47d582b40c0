/**
 * The console's frame: signing in through the company's SSO and out again, the user's name and
 * role always visible, language and theme that persist, and a user without a role kept out.
 */
import {
  expect,
  expectAccessible,
  signIn,
  signInThroughForm,
  snapshotThemes,
  test,
} from '../support/fixtures';

test('signs in through SSO, shows who is signed in, and signs out', async ({ page }) => {
  await signInThroughForm(page, 'operator');
  const header = page.getByRole('banner');
  await expect(header.getByText('oscar', { exact: true })).toBeVisible();
  await expect(header.getByText('Operator', { exact: true })).toBeVisible();
  await header.getByRole('button', { name: 'Sign out' }).click();
  // The provider's sign-out page, then back to the console's start, which asks to sign in.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in with your company account' })).toBeVisible();
  const me = await page.request.get('/api/me', { headers: { 'X-CSRF': '1' } });
  expect(me.status()).toBe(401);
});

test('keeps the chosen language and theme across reloads', async ({ page }) => {
  await signIn(page, 'viewer', '/cn-north-4/organizations');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.getByRole('heading', { name: '组织' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.getByRole('combobox', { name: '主题' }).selectOption('dark');
  await page.reload();
  await expect(page.getByRole('heading', { name: '组织' })).toBeVisible();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await expectAccessible(page);
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('system');
  await expect(page.getByRole('heading', { name: 'Organizations' })).toBeVisible();
});

test('a user in no mapped group is refused at sign-in', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Sign in with your company account' }).click();
  await page.locator('input[name="login"]').fill('mallory');
  await page.locator('input[name="password"]').fill('any-password');
  await page.locator('button[type="submit"]').click();
  await page.locator('button[type="submit"]').click();
  await expect(page.getByRole('alert')).toContainText(
    'Your account is in no group that grants access',
  );
  await expect(page.getByRole('link', { name: 'Sign in with your company account' })).toBeVisible();
  const me = await page.request.get('/api/me', { headers: { 'X-CSRF': '1' } });
  expect(me.status()).toBe(401);
});

test('works at a 1024 px wide laptop screen', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await signIn(page, 'admin', '/cn-north-4/organizations');
  await expect(page.getByRole('table', { name: 'Organizations' })).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await snapshotThemes(page, 'organizations-1024');
});

test('the sign-in page is accessible', async ({ page }) => {
  await page.goto('/signin');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await snapshotThemes(page, 'sign-in');
});
