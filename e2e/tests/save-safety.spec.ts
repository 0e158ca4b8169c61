import { expect, test } from '@playwright/test';
import {
  allowMonacoStyles,
  createTransport,
  deleteTransport,
  expectNoSeriousAxeViolations,
  monacoText,
  readTransport,
} from './support/dashboard.js';

const NAME = `e2e-safety-${String(Date.now() % 100_000)}`;

test.beforeAll(async ({ request }) => {
  await createTransport(request, {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'ServersTransportTCP',
    metadata: { name: NAME, namespace: 'demo' },
    spec: { dialTimeout: '5s', proxyProtocol: { version: 2 } },
  });
});

test.afterAll(async ({ request }) => {
  await deleteTransport(request, 'demo', NAME);
});

test('saving what Traefik breaks on lists the errors and takes "Save anyway"', async ({ page, request }) => {
  await page.goto(`/#/c/demo/ns/demo/transports/${NAME}/edit`);
  await page.locator('#field-spec-dialTimeout').fill('-5');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const review = page.getByRole('alert').filter({ hasText: 'Traefik will not work as intended' });
  await expect(review).toBeVisible();
  await expect(review.getByRole('list', { name: 'What Traefik will break on' })).toContainText(
    'spec.dialTimeout',
  );
  await expect(page.getByRole('button', { name: 'Confirm save' })).toHaveCount(0);
  await expectNoSeriousAxeViolations(page);

  await review.getByRole('button', { name: 'Back to editing' }).click();
  await page.locator('#field-spec-dialTimeout').fill('2s');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Save anyway' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Confirm save' }).click();
  await expect(page).toHaveURL(new RegExp(`/transports/${NAME}$`));
  expect((await readTransport(request, 'demo', NAME)).spec['dialTimeout']).toBe('2s');
});

test('turning the PROXY protocol off removes proxyProtocol instead of leaving an empty object', async ({
  page,
}) => {
  await allowMonacoStyles(page);
  await page.goto(`/#/c/demo/ns/demo/transports/${NAME}/edit`);
  const proxy = page.getByRole('combobox', { name: 'PROXY protocol' });
  await expect(proxy).toHaveValue('2');
  await proxy.selectOption('off');
  await page.getByRole('tab', { name: 'YAML' }).click();
  await expect.poll(() => monacoText(page)).toContain('dialTimeout');
  expect(await monacoText(page)).not.toContain('proxyProtocol');
});
