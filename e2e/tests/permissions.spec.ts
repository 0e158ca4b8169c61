import { expect, test } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './support/dashboard.js';
import { startDemoServer, type DemoServer } from './support/demoServer.js';

let server: DemoServer;

test.beforeAll(async () => {
  server = await startDemoServer(7393, 'token');
});

test.afterAll(async () => {
  await server.stop();
});

test('a viewer signs in with a token and finds Edit, Delete and Save disabled with their reasons', async ({
  page,
}) => {
  await page.goto(`${server.baseURL}/`);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await page.getByLabel('Token').fill(server.tokens['viewer']!);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByTestId('who')).toContainText('viewer');
  await expect(page.getByRole('button', { name: 'New transport' })).toBeDisabled();
  await expect(
    page.getByText('Your identity may not create ServersTransportTCPs in any namespace.'),
  ).toBeVisible();
  await page.getByRole('link', { name: 'tls-backend', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Edit' })).toBeDisabled();
  await expect(page.getByText('Edit is disabled: You may not update')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Delete' })).toBeDisabled();

  await page.goto(`${server.baseURL}/#/c/demo/ns/demo/transports/tls-backend/edit`);
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
  await expect(page.getByTestId('save-reason')).toContainText('You may not update ServersTransportTCPs');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});
