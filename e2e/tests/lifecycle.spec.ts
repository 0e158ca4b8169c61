import { expect, test } from '@playwright/test';
import { deleteTransport, expectNoSeriousAxeViolations } from './support/dashboard.js';

const suffix = String(Date.now() % 100_000);

test('a new transport from a template is created, then deleted after typing its name', async ({
  page,
  request,
}) => {
  const name = `e2e-new-${suffix}`;
  await page.goto('/#/c/demo/transports?ns=demo');
  await page.getByRole('button', { name: 'New transport' }).click();
  await page.getByLabel('Template').selectOption({ label: 'Mutual TLS' });
  await expect(page.getByLabel('name', { exact: true })).toHaveValue('mtls-backend');
  await expect(page.getByLabel('namespace', { exact: true })).toHaveValue('demo');
  await page.getByLabel('name', { exact: true }).fill(name);
  // The referenced Secret is checked against the namespace.
  await expect(
    page.getByTestId('field-diagnostic').filter({ hasText: 'there is no such Secret in demo' }),
  ).toBeVisible();
  await page.getByLabel('Secret of trusted CA 1').fill('demo-ca');
  await expect(page.getByText(/Found, with keys/).first()).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: test.info().outputPath('new.png'), fullPage: true });

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('button', { name: /Confirm save|Save anyway/ }).click();
  await expect(page).toHaveURL(new RegExp(`/ns/demo/transports/${name}(\\?|$)`));
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  // The outcome is announced where the eye is, not only by a change of page.
  await expect(page.getByTestId('toasts')).toContainText(new RegExp(`Created demo/${name}, version \\d+`));

  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this transport?' });
  await expect(dialog.getByTestId('delete-routes')).toContainText('No route uses');
  await expect(dialog.getByRole('button', { name: 'Delete' })).toBeDisabled();
  await dialog.getByLabel('Type the name to confirm').fill(name);
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(page).toHaveURL(/\/transports\?ns=demo$/);
  await expect(page.getByRole('link', { name })).toHaveCount(0);
  await expect(page.getByTestId('toasts')).toContainText(`Deleted demo/${name}`);
  await deleteTransport(request, 'demo', name);
});

test('pasted multi-document YAML gets a per-document dry run, then applies', async ({ page, request }) => {
  const names = [`e2e-import-a-${suffix}`, `e2e-import-b-${suffix}`];
  const yaml = names
    .map(
      (name) =>
        `apiVersion: traefik.io/v1alpha1\nkind: ServersTransportTCP\nmetadata:\n  name: ${name}\n  namespace: demo\nspec:\n  dialTimeout: 10s\n`,
    )
    .join('---\n');
  await page.goto('/#/c/demo/transports?ns=demo');
  await page.getByRole('button', { name: 'Import YAML' }).click();
  await page.getByLabel('YAML to import').fill(yaml);
  await expect(page.getByRole('button', { name: 'Apply' })).toBeDisabled();
  await page.getByRole('button', { name: 'Dry run' }).click();
  await expect(page.getByTestId('import-document')).toHaveCount(2);
  await expect(page.getByTestId('import-outcome').first()).toHaveText('would be created');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('import-outcome').first()).toHaveText('created');
  await expect(page.getByRole('button', { name: 'Apply' })).toBeDisabled();
  await expect(page.getByTestId('toasts')).toContainText('Applied: 2 created');
  await expect(page.getByRole('link', { name: `Open demo/${names[1]!}` })).toHaveAttribute(
    'href',
    new RegExp(`/ns/demo/transports/${names[1]!}`),
  );
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: test.info().outputPath('import.png'), fullPage: true });
  for (const name of names) await deleteTransport(request, 'demo', name);
});

test('deleting a transport names the routes that stop being served', async ({ page }) => {
  await page.goto('/#/c/demo/ns/demo/transports/tls-backend');
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this transport?' });
  const routes = dialog.getByTestId('delete-routes');
  await expect(routes).toContainText('Traefik stops serving these 3 routes');
  for (const route of ['demo/tls', 'demo/expired', 'demo/wrong-host'])
    await expect(routes.getByRole('listitem').filter({ hasText: new RegExp(`${route}$`) })).toHaveCount(1);
  await expectNoSeriousAxeViolations(page);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});

test('Validate answers beside its button', async ({ page }) => {
  await page.goto('/#/c/demo/ns/demo/transports/plain-tcp/edit');
  const button = page.getByRole('button', { name: 'Validate' });
  await button.click();
  const verdict = page.getByTestId('validate-verdict');
  await expect(verdict).toContainText('Valid: the API server accepts it');
  const [a, b] = await Promise.all([button.boundingBox(), verdict.boundingBox()]);
  expect(Math.abs(a!.y - b!.y)).toBeLessThan(40);
});
