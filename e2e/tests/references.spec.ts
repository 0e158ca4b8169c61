import { expect, test } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './support/dashboard.js';

test('a transport naming Secrets that do not exist counts them as problems: list, filter, detail and form', async ({
  page,
}) => {
  // The README's list: every demo namespace, problems counted.
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/#/c/demo/transports');
  await expect(page.getByRole('row', { name: /missing-secret/ })).toContainText('2 warnings');
  await page.screenshot({ path: test.info().outputPath('list.png') });

  await page.goto('/#/c/demo/transports?q=missing-secret');
  const row = page.getByRole('row', { name: /missing-secret/ });
  await expect(row).toContainText('2 warnings');
  await page.getByRole('button', { name: 'warnings', exact: true }).click();
  await expect(page.getByRole('row', { name: /missing-secret/ })).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  await page.getByRole('link', { name: 'missing-secret' }).click();
  const diagnostics = page.getByRole('region', { name: 'Diagnostics' });
  await expect(diagnostics).not.toContainText('No problems found');
  await expect(
    diagnostics.getByTestId('diagnostic').filter({ hasText: 'traefik.reference-missing' }),
  ).toHaveCount(2);
  await expect(diagnostics).toContainText('dials without this client certificate');

  // Checked while typing: the field names a Secret that is not there, then one that is.
  await page.getByRole('button', { name: 'Edit' }).click();
  const field = page.locator('#field-spec-tls-certificatesSecrets-0');
  await expect(page.getByTestId('field-diagnostic').filter({ hasText: 'no-such-client' })).toBeVisible();
  await field.fill('client-cert');
  await expect(page.getByTestId('field-diagnostic').filter({ hasText: 'no-such-client' })).toHaveCount(0);
  await expect(page.getByText('Found, with keys')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Problems' })).not.toContainText('no-such-client');
  await expectNoSeriousAxeViolations(page);
});
