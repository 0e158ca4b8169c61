import { expect, test } from '@playwright/test';
import { createTransport, deleteTransport, expectNoSeriousAxeViolations } from './support/dashboard.js';

const RACE = `e2e-race-${String(Date.now() % 100_000)}`;

test.afterAll(async ({ request }) => {
  await deleteTransport(request, 'demo', RACE);
});

test('a name that exists is said while typing, and Save cannot loop on it', async ({ page, request }) => {
  await page.goto('/#/c/demo/new?ns=demo');
  const name = page.locator('#field-metadata-name');
  await name.fill('tls-backend');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  const finding = page.getByTestId('field-diagnostic').filter({ hasText: 'already exists in demo' });
  await expect(finding).toBeVisible();
  await expect(page.getByTestId('save-reason')).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await finding.getByRole('button', { name: 'Open the existing transport' }).click();
  await expect(page).toHaveURL(/\/ns\/demo\/transports\/tls-backend(\?|$)/);

  // Someone takes the name between the check and Save: the answer says so, with nothing to rebase.
  await page.goto('/#/c/demo/new?ns=demo');
  await page.locator('#field-metadata-name').fill(RACE);
  await page.locator('#field-metadata-namespace').fill('demo');
  await page.waitForTimeout(400);
  await createTransport(request, {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'ServersTransportTCP',
    metadata: { name: RACE, namespace: 'demo' },
    spec: {},
  });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('button', { name: /Confirm save|Save anyway/ }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'Not saved' });
  await expect(refusal).toContainText(`A ServersTransportTCP named ${RACE} already exists in demo`);
  await expect(page.getByText('Someone else changed this transport')).toHaveCount(0);
  await refusal.getByRole('button', { name: 'Choose another name' }).click();
  await expect(page.locator('#field-metadata-name')).toBeFocused();
  await expect(refusal.getByRole('link', { name: 'Open the existing transport' })).toHaveAttribute(
    'href',
    new RegExp(`/ns/demo/transports/${RACE}(\\?|$)`),
  );
});
