import { expect, test } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './support/dashboard.js';

test('"Skip to transports" lands on the first row link, whose focus ring is whole', async ({ page }) => {
  await page.goto('/#/c/demo/transports?ns=demo');
  const table = page.getByRole('table', { name: 'ServersTransportTCPs' });
  await expect(table.getByRole('link', { name: 'insecure', exact: true })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to transports' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  const first = table.getByRole('link', { name: 'insecure', exact: true });
  await expect(first).toBeFocused();
  await expect(page).toHaveURL(/#\/c\/demo\/transports\?ns=demo$/);

  // The ring is drawn and nothing of it is cut by the cell, which clips overflowing text.
  const ring = await first.evaluate((link) => {
    const style = getComputedStyle(link);
    const width = parseFloat(style.outlineWidth);
    const reach = width + parseFloat(style.outlineOffset);
    const box = link.getBoundingClientRect();
    const cell = link.closest('[role="cell"]')!.getBoundingClientRect();
    return {
      drawn: style.outlineStyle !== 'none' && width > 0,
      inside:
        box.left - reach >= cell.left &&
        box.right + reach <= cell.right &&
        box.top - reach >= cell.top &&
        box.bottom + reach <= cell.bottom,
    };
  });
  expect(ring).toEqual({ drawn: true, inside: true });
  await page.screenshot({ path: test.info().outputPath('row-focus.png') });
});

test('focus moves to the page heading after navigation, and Escape leaves the search box', async ({
  page,
}) => {
  await page.goto('/#/c/demo/transports?ns=demo');
  const table = page.getByRole('table', { name: 'ServersTransportTCPs' });
  await table.getByRole('link', { name: 'tls-backend', exact: true }).focus();
  await page.keyboard.press('Enter');
  const detailHeading = page.getByRole('heading', { level: 2, name: /tls-backend/ });
  await expect(detailHeading).toBeFocused();

  await page.getByRole('button', { name: 'Edit' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /Edit/ })).toBeFocused();

  await page.goBack();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 2, name: 'Transports' })).toBeFocused();

  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.focus();
  await page.keyboard.type('mtls');
  await page.keyboard.press('Escape');
  await expect(search).not.toBeFocused();
  // The words stay: Escape leaves the box, it does not empty it.
  await expect(search).toHaveValue('mtls');
  await expect(table.getByRole('link', { name: 'missing-secret' })).toBeFocused();
  await expectNoSeriousAxeViolations(page);
});
