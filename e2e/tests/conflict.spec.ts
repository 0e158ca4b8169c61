import { expect, test } from '@playwright/test';
import {
  allowMonacoStyles,
  createTransport,
  deleteTransport,
  putTransport,
  readTransport,
} from './support/dashboard.js';

const NAME = `e2e-conflict-${String(Date.now() % 100_000)}`;

test.beforeAll(async ({ request }) => {
  await createTransport(request, {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'ServersTransportTCP',
    metadata: { name: NAME, namespace: 'demo' },
    spec: { dialTimeout: '5s', tls: { serverName: 'a.demo.svc' } },
  });
});

test.afterAll(async ({ request }) => {
  await deleteTransport(request, 'demo', NAME);
});

test('a change made elsewhere while editing shows a banner, then a three-way view that rebases the edit', async ({
  page,
  request,
}) => {
  await allowMonacoStyles(page);
  await page.goto(`/#/c/demo/ns/demo/transports/${NAME}/edit`);
  await page.getByLabel('dialTimeout').fill('7s');

  // Someone else (kubectl, another user) changes a different field.
  const theirs = await readTransport(request, 'demo', NAME);
  theirs.spec = { ...theirs.spec, tls: { serverName: 'b.demo.svc' } };
  await putTransport(request, theirs);

  await expect(page.getByTestId('server-changed')).toContainText('changed on the server');

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('button', { name: 'Confirm save' }).click();
  const conflict = page.getByTestId('conflict-view');
  await expect(conflict).toBeVisible();
  await expect(conflict.getByLabel('Original YAML')).toContainText('serverName: a.demo.svc');
  await expect(conflict.getByLabel('Your YAML')).toContainText('dialTimeout: 7s');
  await expect(conflict.getByLabel('Their YAML')).toContainText('serverName: b.demo.svc');
  await expect(conflict).toContainText('do not overlap');
  await page.screenshot({ path: test.info().outputPath('conflict.png'), fullPage: true });

  await conflict.getByRole('button', { name: 'Rebase my changes onto theirs' }).click();
  await expect(conflict).toBeHidden();
  await expect(page.getByLabel('dialTimeout')).toHaveValue('7s');
  await expect(page.getByLabel('serverName')).toHaveValue('b.demo.svc');

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('button', { name: 'Confirm save' }).click();
  await expect(page).toHaveURL(new RegExp(`/transports/${NAME}$`));
  const saved = await readTransport(request, 'demo', NAME);
  expect(saved.spec).toEqual({ dialTimeout: '7s', tls: { serverName: 'b.demo.svc' } });
});

test('when both sides changed the same field, rebase is refused and the user chooses', async ({ page, request }) => {
  await page.goto(`/#/c/demo/ns/demo/transports/${NAME}/edit`);
  await page.getByLabel('dialTimeout').fill('9s');
  const theirs = await readTransport(request, 'demo', NAME);
  theirs.spec = { ...theirs.spec, dialTimeout: '11s' };
  await putTransport(request, theirs);

  await page.getByTestId('server-changed').getByRole('button', { name: 'Review their change' }).click();
  const conflict = page.getByTestId('conflict-view');
  await expect(conflict).toContainText('Both of you changed: spec.dialTimeout');
  await expect(conflict.getByRole('button', { name: 'Rebase my changes onto theirs' })).toBeDisabled();
  await conflict.getByRole('button', { name: 'Keep mine over theirs' }).click();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('button', { name: 'Confirm save' }).click();
  await expect(page).toHaveURL(new RegExp(`/transports/${NAME}$`));
  expect((await readTransport(request, 'demo', NAME)).spec['dialTimeout']).toBe('9s');
});
