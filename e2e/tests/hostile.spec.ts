import { expect, test } from '@playwright/test';
import { allowMonacoStyles, collectProblems, createTransport, deleteTransport } from './support/dashboard.js';

const NAME = `e2e-hostile-${String(Date.now() % 100_000)}`;
const MARKUP = '<img src=x onerror=alert(1)>"><svg onload=alert(2)>';
const BIDI = 'invoice\u202Efdp.exe';
const ZERO_WIDTH = 'tls\u200Bbackend';

test.beforeAll(async ({ request }) => {
  await createTransport(request, {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'ServersTransportTCP',
    metadata: {
      name: NAME,
      namespace: 'demo',
      annotations: {
        'example.com/markup': MARKUP,
        'example.com/bidi': BIDI,
        'example.com/zero-width': ZERO_WIDTH,
        'example.com/docs': 'Docs | javascript:alert(3)',
      },
    },
    spec: { tls: { serverName: 'backend.demo.svc' } },
  });
});

test.afterAll(async ({ request }) => {
  await deleteTransport(request, 'demo', NAME);
});

test('hostile annotation values render as inert text with invisible characters shown', async ({ page }) => {
  await allowMonacoStyles(page);
  const problems = collectProblems(page);
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });

  await page.goto(`/#/c/demo/ns/demo/transports/${NAME}`);
  const annotations = page.getByRole('table', { name: 'Annotations' });
  await expect(annotations).toContainText(MARKUP);
  await expect(annotations.locator('img, svg')).toHaveCount(0);
  // The right-to-left override and the zero-width space are named, not obeyed.
  await expect(annotations.getByRole('row', { name: /bidi/ })).toContainText('invoiceU+202Efdp.exe');
  await expect(annotations.getByRole('row', { name: /zero-width/ })).toContainText('tlsU+200Bbackend');
  await expect(annotations.locator('abbr[title="Invisible character U+202E"]')).toHaveCount(1);
  // Nothing turns a javascript: value into a link.
  await expect(page.locator('a[href^="javascript:" i]')).toHaveCount(0);

  // The editor and the diff show the same text as text.
  await page.goto(`/#/c/demo/ns/demo/transports/${NAME}/edit?tab=yaml`);
  await expect(page.locator('[data-testid="yaml-editor"] .view-lines')).toContainText('onerror=alert(1)');
  await page.getByRole('tab', { name: 'Diff' }).click();
  await expect(page.getByTestId('diff-view')).toContainText('onerror=alert(1)');
  await expect(page.locator('main img')).toHaveCount(0);

  expect(dialogs).toBe(0);
  expect(problems).toEqual([]);
});

test('hostile names in the list are inert, and bidi characters are shown', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  // A real API server refuses such names; a compromised or buggy one must still not reach the DOM as markup.
  await page.route('**/api/v1/clusters/demo/transports', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { items: Record<string, unknown>[] };
    const hostile = { ...body.items[0]!, name: `${MARKUP}${BIDI}`, namespace: ZERO_WIDTH };
    await route.fulfill({ response, json: { ...body, items: [hostile, ...body.items] } });
  });
  await page.goto('/#/c/demo/transports');
  const table = page.getByRole('table', { name: 'ServersTransportTCPs' });
  const row = table.getByTestId('transport-row').filter({ hasText: 'onerror' });
  await expect(row).toContainText(MARKUP);
  await expect(row).toContainText('U+202E');
  await expect(row).toContainText('tlsU+200Bbackend');
  await expect(table.locator('img, svg')).toHaveCount(0);
  expect(dialogs).toBe(0);
});
