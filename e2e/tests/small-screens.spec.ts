import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './support/dashboard.js';

/** How far the page reaches past the viewport's right edge, in pixels. */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('at 1024 px the header stays one line above the headings', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/#/c/demo/transports');
  const heading = page.getByRole('heading', { name: 'Transports', level: 2 });
  await expect(heading).toBeVisible();
  const header = await page.locator('.app-header').boundingBox();
  const title = await heading.boundingBox();
  const brand = await page.getByRole('heading', { name: 'Dialtone', level: 1 }).boundingBox();
  expect(header && title && brand).toBeTruthy();
  // One line: the header is not much taller than its own title, and ends above the page heading.
  expect(header!.height).toBeLessThan(brand!.height * 2 + 24);
  expect(header!.y + header!.height).toBeLessThanOrEqual(title!.y);
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: test.info().outputPath('list-1024.png') });
});

test('on a 390 px phone the list shows name, TLS mode and problems, and the detail fits', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/#/c/demo/transports?ns=demo');
  const table = page.getByRole('table', { name: 'ServersTransportTCPs' });
  const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: 'spiffe-and-tls' }) });
  await expect(row).toBeVisible();
  await expect(row).toContainText('SPIFFE');
  // Short words on a phone, the whole words for a screen reader.
  await expect(row.getByText('1 err', { exact: true })).toBeVisible();
  await expect(row).toContainText('1 error');
  // All three in view without scrolling the table or the page sideways.
  for (const text of ['spiffe-and-tls', 'SPIFFE', '1 err']) {
    const box = await row.getByText(text, { exact: true }).first().boundingBox();
    expect(box, text).not.toBeNull();
    expect(box!.x + box!.width, text).toBeLessThanOrEqual(390);
  }
  expect(await table.evaluate((t) => t.scrollWidth - t.clientWidth)).toBeLessThanOrEqual(0);
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: test.info().outputPath('list-390.png'), fullPage: true });
  await expectNoSeriousAxeViolations(page);

  await row.getByRole('link', { name: 'spiffe-and-tls' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /spiffe-and-tls/ })).toBeVisible();
  await expect.poll(() => sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: test.info().outputPath('detail-390.png'), fullPage: true });
});
