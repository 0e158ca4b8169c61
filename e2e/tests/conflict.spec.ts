import { expect, test } from '@playwright/test';
import { allowMonacoStyles, draftSaved } from './support/dashboard.js';
import { startDemoServer, type DemoServer } from './support/demoServer.js';

// A Dialtone of its own, so kubectl can change objects behind the dashboard's back as a colleague would.
let server: DemoServer;
const NAME = 'e2e-conflict';

interface Spec {
  dialTimeout?: string;
  terminationDelay?: string;
  tls?: { serverName?: string };
}

function spec(): Spec {
  return (
    JSON.parse(server.kubectl('-n', 'demo', 'get', 'serverstransporttcp', NAME, '-o', 'json')) as {
      spec: Spec;
    }
  ).spec;
}

function kubectlPatch(patch: Spec): void {
  server.kubectl(
    '-n',
    'demo',
    'patch',
    'serverstransporttcp',
    NAME,
    '--type',
    'merge',
    '-p',
    JSON.stringify({ spec: patch }),
  );
}

test.beforeAll(async () => {
  server = await startDemoServer(7395, 'local');
});

test.afterAll(async () => {
  await server.stop();
});

test.beforeEach(() => {
  server.kubectl('-n', 'demo', 'delete', 'serverstransporttcp', NAME, '--ignore-not-found');
  server.apply(`apiVersion: traefik.io/v1alpha1
kind: ServersTransportTCP
metadata:
  name: ${NAME}
  namespace: demo
spec:
  dialTimeout: 5s
  tls:
    serverName: a.demo.svc
`);
});

const edit = () => `${server.baseURL}/#/c/demo/ns/demo/transports/${NAME}/edit`;

test('a kubectl change while editing shows a banner, then a three-way view that rebases the edit', async ({
  page,
}) => {
  await allowMonacoStyles(page);
  await page.goto(edit());
  await page.getByLabel('dialTimeout').fill('7s');

  kubectlPatch({ tls: { serverName: 'b.demo.svc' } });
  await expect(page.getByTestId('server-changed')).toContainText('changed on the server');

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('button', { name: 'Confirm save' }).click();
  const conflict = page.getByTestId('conflict-view');
  await expect(conflict).toBeVisible();
  await expect(conflict.getByLabel('Original YAML')).toContainText('serverName: a.demo.svc');
  await expect(conflict.getByLabel('Your YAML')).toContainText('dialTimeout: 7s');
  await expect(conflict.getByLabel('Their YAML')).toContainText('serverName: b.demo.svc');
  await expect(conflict).toContainText('Your changes: spec.dialTimeout. Their changes: spec.tls.serverName.');
  await expect(conflict).toContainText('do not overlap');
  await page.screenshot({ path: test.info().outputPath('conflict.png'), fullPage: true });

  await conflict.getByRole('button', { name: 'Rebase my changes onto theirs' }).click();
  await expect(conflict).toBeHidden();
  await expect(page.getByLabel('dialTimeout')).toHaveValue('7s');
  await expect(page.getByLabel('serverName')).toHaveValue('b.demo.svc');

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('button', { name: 'Confirm save' }).click();
  await expect(page).toHaveURL(new RegExp(`/transports/${NAME}$`));
  expect(spec()).toEqual({ dialTimeout: '7s', tls: { serverName: 'b.demo.svc' } });
  // kubectl apply still finds its record of what it applied.
  const annotations = server.kubectl(
    '-n',
    'demo',
    'get',
    'serverstransporttcp',
    NAME,
    '-o',
    'jsonpath={.metadata.annotations}',
  );
  expect(annotations).toContain('kubectl.kubernetes.io/last-applied-configuration');
});

test('when both sides changed the same field, rebase is refused and the user chooses', async ({ page }) => {
  await page.goto(edit());
  await page.getByLabel('dialTimeout').fill('9s');
  kubectlPatch({ dialTimeout: '11s' });

  await page.getByTestId('server-changed').getByRole('button', { name: 'Review their change' }).click();
  const conflict = page.getByTestId('conflict-view');
  await expect(conflict).toContainText('Both of you changed: spec.dialTimeout');
  await expect(conflict.getByRole('button', { name: 'Rebase my changes onto theirs' })).toBeDisabled();
  await conflict.getByRole('button', { name: 'Keep mine over theirs' }).click();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('button', { name: 'Confirm save' }).click();
  await expect(page).toHaveURL(new RegExp(`/transports/${NAME}$`));
  expect(spec().dialTimeout).toBe('9s');
});

test('a draft restored after the object changed opens the three-way view at once', async ({ page }) => {
  await page.goto(edit());
  await page.getByLabel('dialTimeout').fill('13s');
  await draftSaved(page);
  kubectlPatch({ terminationDelay: '200ms' });

  await page.reload();
  await expect(page.getByText(/Your unsaved draft from .* was restored/)).toBeVisible();
  const conflict = page.getByTestId('conflict-view');
  await expect(conflict).toContainText('do not overlap');
  await conflict.getByRole('button', { name: 'Rebase my changes onto theirs' }).click();
  await expect(page.getByLabel('dialTimeout')).toHaveValue('13s');
  await expect(page.getByLabel('terminationDelay')).toHaveValue('200ms');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('button', { name: 'Confirm save' }).click();
  await expect(page).toHaveURL(new RegExp(`/transports/${NAME}$`));
  expect(spec()).toMatchObject({ dialTimeout: '13s', terminationDelay: '200ms' });
});
