/**
 * The console in 简体中文 on a desktop screen: the header's region, language and theme labels each
 * on one line (a CJK word may break between any two characters, so a squeezed label wrapped one
 * character per line), and Chinese drawn with real glyphs, not the empty boxes ("tofu") of a
 * machine without a CJK font (.ci/run installs one).
 */
import type { Page } from '@playwright/test';
import { expect, signIn, snapshotThemes, test } from '../support/fixtures';

test.use({ locale: 'zh-CN' });

const LABELS = ['区域', '语言', '主题'];

async function expectLabelsOnOneLine(page: Page): Promise<void> {
  const header = page.getByRole('banner');
  for (const label of LABELS) {
    // The text is the select's accessible name, so it is the label that is measured.
    await expect(header.getByRole('combobox', { name: label, exact: true })).toBeVisible();
    const text = header.getByText(label, { exact: true });
    const box = await text.evaluate((element) => {
      const rect = element.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(element);
      return {
        width: rect.width,
        height: rect.height,
        lineHeight: parseFloat(getComputedStyle(element).lineHeight),
        // One rectangle per line box the text occupies.
        lines: range.getClientRects().length,
      };
    });
    expect(box.lines, `${label}: ${JSON.stringify(box)}`).toBe(1);
    expect(box.height, `${label}: ${JSON.stringify(box)}`).toBeLessThan(box.lineHeight * 1.5);
    expect(box.width, `${label}: ${JSON.stringify(box)}`).toBeGreaterThan(box.height);
  }
}

test('the header labels stay on one line at 1440 px, in real Chinese glyphs', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, 'admin', '/cn-north-4/organizations');
  await expect(page.getByRole('heading', { name: '组织', level: 1 })).toBeVisible();
  await expectLabelsOnOneLine(page);

  // Each character of the labels, drawn in the label's own font, against a code point no font
  // has (U+0378, unassigned): without a CJK font both are the same missing-glyph box.
  const label = page.getByRole('banner').getByText('区域', { exact: true });
  const tofu = await label.evaluate(
    (element, characters) => {
      const font = getComputedStyle(element).font;
      const draw = (text: string): string => {
        const canvas = document.createElement('canvas');
        canvas.width = 64;
        canvas.height = 64;
        const context = canvas.getContext('2d');
        if (context === null) throw new Error('no 2d canvas');
        context.font = font.replace(/\d+(\.\d+)?px/, '40px');
        context.textBaseline = 'top';
        context.fillText(text, 8, 8);
        return canvas.toDataURL();
      };
      const missing = draw('\u0378');
      return characters.filter((character) => draw(character) === missing);
    },
    Array.from(LABELS.join('')),
  );
  expect(tofu, 'characters drawn as the missing-glyph box').toEqual([]);
  await snapshotThemes(page, 'organizations-zh-CN-1440');
});

test('the header labels stay on one line at 1024 px', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await signIn(page, 'admin', '/cn-north-4/organizations');
  await expect(page.getByRole('heading', { name: '组织', level: 1 })).toBeVisible();
  await expectLabelsOnOneLine(page);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});
