import { expect, test } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './support/dashboard.js';

test('the form is laid out for transports: one security mode at a time, units, PROXY versions, legacy apart', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/#/c/demo/ns/demo/transports/mtls-backend/edit');
  const form = page.getByRole('form', { name: 'Transport form' });
  await expect(form.getByRole('radio', { name: /Mutual TLS/ })).toBeChecked();
  await expect(form.getByLabel('Client certificates 1')).toHaveValue('client-cert');
  await expect(form.getByText('Go doc', { exact: false })).toHaveCount(0);
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: test.info().outputPath('form.png'), fullPage: true });

  // SPIFFE and TLS cannot be combined: choosing SPIFFE shows only its fields and drops the TLS ones.
  await form.getByRole('radio', { name: /SPIFFE/ }).check();
  await expect(form.getByRole('group', { name: /SPIFFE/ }).last()).toBeVisible();
  await expect(form.getByLabel(/Server name/)).toHaveCount(0);
  await expect(form.getByLabel('Client certificates 1')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Problems' })).not.toContainText('traefik.spiffe-with-tls');

  // Plain TCP removes the tls section altogether.
  await form.getByRole('radio', { name: /Plain TCP/ }).check();
  await expect(form.getByRole('radio', { name: /Plain TCP/ })).toBeChecked();
  await expect(form.getByRole('group', { name: /SPIFFE/ })).toHaveCount(0);
  await expect(form.getByRole('button', { name: 'Add a trusted CA' })).toHaveCount(0);
});

test('durations have a unit picker and say what Traefik reads; a field with a problem shows it in place', async ({
  page,
}) => {
  await page.goto('/#/c/demo/ns/demo/transports/plain-tcp/edit');
  const dial = page.locator('#field-spec-dialTimeout');
  const unit = page.getByRole('combobox', { name: 'Unit for Dial timeout' });
  await expect(unit).toHaveValue('s');
  await unit.selectOption('ms');
  await expect(dial).toHaveValue('5000ms');
  await expect(page.getByTestId('reads-dialTimeout')).toHaveText('Traefik reads: 5000ms → 5s');

  await dial.fill('-5');
  await expect(dial).toHaveAttribute('aria-invalid', 'true');
  await expect(dial).toHaveCSS('border-top-color', /rgb\(180, 35, 24\)|rgb\(255, 138, 128\)/);
  await expect(page.locator('#field-spec-dialTimeout-problems')).toContainText(
    'traefik.negative-dial-timeout',
  );
  await expect(page.getByRole('combobox', { name: 'PROXY protocol' })).toHaveValue('off');
});

test('deprecated fields sit in a Legacy section with their one-click migration', async ({ page }) => {
  await page.goto('/#/c/demo/ns/demo/transports/legacy-ca/edit');
  const legacy = page.getByRole('group', { name: 'Legacy' });
  await expect(legacy).toContainText('rootCAsSecrets');
  await legacy.getByRole('button', { name: 'Move to rootCAs' }).click();
  await expect(page.getByRole('group', { name: 'Legacy' })).toHaveCount(0);
  await expect(page.getByLabel('Secret of trusted CA 1')).toHaveValue('legacy-ca');
});
