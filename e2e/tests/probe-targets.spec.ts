import { expect, test } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './support/dashboard.js';

test('Test connection sits high, sums up, tests one backend per chip, and says so on a shared transport', async ({
  page,
}) => {
  await page.goto('/#/c/demo/ns/demo/transports/tls-backend');
  const panel = page.getByRole('region', { name: 'Test connection' });
  const diagnostics = page.getByRole('region', { name: 'Diagnostics' });
  const [panelBox, diagnosticsBox] = await Promise.all([panel.boundingBox(), diagnostics.boundingBox()]);
  expect(panelBox!.y).toBeLessThan(diagnosticsBox!.y);

  await panel.getByRole('button', { name: 'Test all backends' }).click();
  const summary = panel.getByTestId('probe-summary');
  await expect(summary).toHaveText('2 of 3 backends failing');
  await expect(summary).toBeFocused();

  // Three routes share this transport: a serverName for the wrong-host backend would break the others.
  const wrongHost = panel.getByTestId('probe-result').filter({ hasText: 'wrong-host' });
  const advice = wrongHost.getByTestId('next-step');
  await expect(advice).toContainText('shared by 3 routes');
  await expect(advice).toContainText('transport of its own');
  await expect(advice.locator('code', { hasText: 'tls.serverName' }).first()).toBeVisible();
  await expect(advice).not.toContainText('`');
  await expectNoSeriousAxeViolations(page);

  const chips = panel.getByRole('group', { name: 'Test one backend' });
  await chips.getByRole('button', { name: /expired-backend/ }).click();
  await expect(panel.getByTestId('probe-result')).toHaveCount(1);
  await expect(panel.getByTestId('probe-result')).toHaveAttribute('data-outcome', 'cert_expired');
  await expect(summary).toHaveText('1 of 1 backend failing');
});

test('a typed target takes the forms the page shows, and anything else is refused beside the box', async ({
  page,
}) => {
  await page.goto('/#/c/demo/ns/demo/transports/tls-backend');
  const panel = page.getByRole('region', { name: 'Test connection' });
  const box = panel.getByLabel('Target', { exact: true });

  await box.fill('demo/tls-backend');
  await expect(panel.getByRole('alert')).toContainText('is not a target');
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  await expect(panel.getByRole('button', { name: /^Test/ }).first()).toBeDisabled();

  for (const typed of ['svc/demo/tls-backend:443', 'demo/tls-backend:443']) {
    await box.fill(typed);
    await panel.getByRole('button', { name: 'Test connection' }).click();
    await expect(panel.getByTestId('probe-result')).toHaveCount(1);
    await expect(panel.getByTestId('probe-result')).toHaveAttribute('data-outcome', 'ok');
    await expect(panel.getByTestId('probe-summary')).toHaveText('The backend passes');
  }
});
