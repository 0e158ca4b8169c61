import { expect, test } from '@playwright/test';
import { collectProblems, expectNoSeriousAxeViolations } from './support/dashboard.js';

test('the detail shows effective values, diagnostics with fixes, references and routes', async ({ page }) => {
  const problems = collectProblems(page);
  await page.goto('/#/c/demo/transports');
  await page.getByRole('link', { name: 'zero-timeout' }).click();
  await expect(page).toHaveURL(/#\/c\/demo\/ns\/demo\/transports\/zero-timeout$/);
  await expect(page.getByRole('heading', { level: 2, name: 'zero-timeout' })).toBeVisible();

  const effective = page.getByRole('table', { name: 'Effective values' });
  await expect(effective.getByRole('row', { name: /Dial timeout/ })).toContainText(
    'unreadable: Traefik uses 0',
  );
  await expect(effective.getByRole('row', { name: /Dial keep-alive/ })).toContainText('15s Traefik default');

  const diagnostics = page.getByRole('list', { name: 'Diagnostics' });
  await expect(diagnostics).toContainText('traefik.duration-unreadable');
  await expect(diagnostics).toContainText('Fix: Write "1s30ms" or "1030ms".');
  await expectNoSeriousAxeViolations(page);

  await page.goto('/#/c/demo/ns/demo/transports/mtls-backend');
  const references = page.getByRole('table', { name: 'Referenced Secrets and ConfigMaps' });
  await expect(references.getByRole('row', { name: /client-cert/ })).toContainText('found');
  await expect(references.getByRole('row', { name: /client-cert/ })).toContainText(/expires \d{4}-\d\d-\d\d/);
  await expect(page.getByRole('table', { name: 'Routes using this transport' })).toContainText('demo/mtls');
  await expect(page.getByRole('button', { name: 'Test all backends' })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  expect(problems).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('detail.png'), fullPage: true });
});
