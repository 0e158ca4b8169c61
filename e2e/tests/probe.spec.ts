import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './support/dashboard.js';

async function probe(page: Page, target: string) {
  await page.getByLabel('Target', { exact: true }).fill(target);
  await page.getByRole('checkbox', { name: 'Speak TLS' }).check();
  await page.getByRole('button', { name: 'Test connection' }).click();
  const result = page.getByTestId('probe-result');
  await expect(result).toHaveCount(1);
  return result;
}

test('test connection explains a pass and each TLS failure in plain words', async ({ page }) => {
  await page.goto('/#/c/demo/ns/demo/transports/tls-backend');

  const good = await probe(page, 'tls-backend.demo.svc:443');
  await expect(good).toHaveAttribute('data-outcome', 'ok');
  await expect(good.getByRole('heading')).toHaveText('TLS connection verified');
  await expect(good).toContainText("Tested from the Dialtone server, not from Traefik's pods.");
  await good.getByText('Stages and timings').click();
  await expect(good.getByRole('listitem').filter({ hasText: 'tls-handshake' })).toContainText('ms');
  await good.getByText(/Certificate chain/).click();
  await expect(good).toContainText('Dialtone Demo CA');
  await good.getByText('Equivalent command').click();
  await expect(good.locator('pre')).toContainText('openssl s_client');
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: test.info().outputPath('probe.png'), fullPage: true });

  const expired = await probe(page, 'expired-backend.demo.svc:443');
  await expect(expired).toHaveAttribute('data-outcome', 'cert_expired');
  await expect(expired.getByRole('heading')).toHaveText("The backend's certificate has expired");

  const wrongHost = await probe(page, 'wrong-host-backend.demo.svc:443');
  await expect(wrongHost).toHaveAttribute('data-outcome', 'hostname_mismatch');
  await expect(wrongHost).toContainText('Next step:');
  await expect(wrongHost).toContainText('tls.serverName');

  // Recent results stay in this browser.
  await page.reload();
  await page.getByText(/Recent tests in this browser \(3\)/).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'expired-backend' })).toContainText('failed');
});

test('the mTLS backend refuses a transport without a client certificate; the editor tests the draft', async ({
  page,
}) => {
  await page.goto('/#/c/demo/ns/demo/transports/tls-backend');
  const refused = await probe(page, 'mtls-backend.demo.svc:443');
  await expect(refused).toHaveAttribute('data-outcome', 'client_certificate_rejected');
  await expect(refused.getByRole('heading')).toHaveText('The backend rejected the client certificate');

  // The unsaved draft, with the client certificate added, passes before anything is saved.
  await page.goto('/#/c/demo/ns/demo/transports/tls-backend/edit');
  await page.getByRole('radio', { name: /Mutual TLS/ }).check();
  await page.getByRole('button', { name: 'Add to Client certificates' }).click();
  await page.getByLabel('Client certificates 1').fill('client-cert');
  await expect(page.getByText('Tests the draft as it is now, without saving it.')).toBeVisible();
  const accepted = await probe(page, 'mtls-backend.demo.svc:443');
  await expect(accepted).toHaveAttribute('data-outcome', 'ok');
});
