import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { createTransport, deleteTransport, expectNoSeriousAxeViolations } from './support/dashboard.js';

const NAME = `e2e-argo-${String(Date.now() % 100_000)}`;

test.beforeAll(async ({ request }) => {
  await createTransport(request, {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'ServersTransportTCP',
    metadata: {
      name: NAME,
      namespace: 'demo',
      annotations: { 'argocd.argoproj.io/tracking-id': `edge:traefik.io/ServersTransportTCP:demo/${NAME}` },
    },
    spec: { dialTimeout: '5s' },
  });
});

test.afterAll(async ({ request }) => {
  await deleteTransport(request, 'demo', NAME);
});

test('an object Argo CD syncs says so, and the editor offers the edit for the repository', async ({
  page,
}) => {
  await page.goto(`/#/c/demo/ns/demo/transports/${NAME}`);
  await expect(page.getByTestId('gitops-note')).toContainText('Managed by Argo CD');
  await expect(page.getByTestId('gitops-note')).toContainText('reverted');
  await expectNoSeriousAxeViolations(page);

  await page.getByRole('button', { name: 'Edit' }).click();
  const note = page.getByTestId('gitops-note');
  await expect(note).toContainText('Managed by Argo CD');
  await page.locator('#field-spec-dialTimeout').fill('7s');
  const [patch] = await Promise.all([
    page.waitForEvent('download'),
    note.getByRole('button', { name: 'Download a patch' }).click(),
  ]);
  expect(patch.suggestedFilename()).toBe(`${NAME}.patch.yaml`);
  const text = readFileSync(await patch.path(), 'utf8');
  expect(text).toContain('dialTimeout: 7s');
  expect(text).toContain(`name: ${NAME}`);
  expect(text).not.toContain('tracking-id');
});
