import { expect, test } from '@playwright/test';
import { collectProblems, expectNoSeriousAxeViolations } from './support/dashboard.js';

test('filter chips answer "any of" inside a group and "all of" across groups, and clear', async ({
  page,
}) => {
  const problems = collectProblems(page);
  await page.goto('/#/c/demo/transports?ns=demo');
  const table = page.getByRole('table', { name: 'ServersTransportTCPs' });
  const names = async () => table.getByRole('row').locator('.cell-name a').allInnerTexts();
  await expect(table.getByRole('link', { name: 'tls-backend', exact: true })).toBeVisible();
  const severities = page.getByRole('group', { name: 'Problems' });
  const modes = page.getByRole('group', { name: 'TLS mode' });

  await severities.getByRole('button', { name: 'errors', exact: true }).click();
  await expect.poll(names).toEqual(['spiffe-and-tls']);
  // errors plus warnings: both, not only the transports that have both.
  await severities.getByRole('button', { name: 'warnings', exact: true }).click();
  const withProblems = await names();
  expect(withProblems).toEqual(expect.arrayContaining(['spiffe-and-tls', 'zero-timeout', 'insecure']));
  expect(withProblems).not.toContain('tls-backend');
  await expect(page).toHaveURL(/f=errors,warnings/);

  // Across groups the chips narrow: TLS mode "plain TCP" and a problem.
  await modes.getByRole('button', { name: 'plain TCP', exact: true }).click();
  await expect.poll(names).toEqual(['zero-timeout']);
  await modes.getByRole('button', { name: 'SPIFFE', exact: true }).click();
  await expect.poll(names).toEqual(['spiffe', 'spiffe-and-tls', 'zero-timeout']);

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByRole('button', { name: 'Clear filters' })).toHaveCount(0);
  await expect.poll(async () => (await names()).length).toBeGreaterThan(10);
  await expect(page).not.toHaveURL(/f=/);
  await expectNoSeriousAxeViolations(page);
  expect(problems).toEqual([]);
});

test('the Problems column shows every count whole, in a column as wide as its text', async ({ page }) => {
  await page.goto('/#/c/demo/transports?ns=demo');
  const table = page.getByRole('table', { name: 'ServersTransportTCPs' });
  const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: 'spiffe-and-tls' }) });
  const cell = row.getByRole('cell').filter({ hasText: 'error' });
  await expect(cell).toContainText('1 error');
  await expect(cell).toContainText('warning');
  await expect(row.getByRole('cell').filter({ hasText: 'error' }).locator('span[title]')).toHaveAttribute(
    'title',
    /1 error, \d+ warnings?/,
  );
  // Nothing is cut: every cell of every row shows all it holds.
  const clipped = await table.evaluate((element) =>
    [...element.querySelectorAll('[data-testid="transport-row"] [role="cell"]')]
      .filter((c) => !c.querySelector('[data-testid^="traefik"]'))
      .filter((c) => c.scrollWidth > c.clientWidth + 1)
      .map((c) => c.textContent),
  );
  expect(clipped).toEqual([]);
  // proxy-v2 has a note and only a note.
  const proxy = table.getByRole('row').filter({ has: page.getByRole('link', { name: 'proxy-v2' }) });
  await expect(proxy).toContainText('1 note');
});

test('Unused and Dangling views have their own columns and actions', async ({ page }) => {
  const problems = collectProblems(page);
  await page.goto('/#/c/demo/transports?v=unused');
  const table = page.getByRole('table', { name: 'ServersTransportTCPs' });
  await expect(table.getByRole('link', { name: 'unused', exact: true })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Routes' })).toHaveCount(0);
  await expect(table.getByRole('columnheader', { name: 'Problems' })).toBeVisible();

  await page.getByRole('tab', { name: 'Dangling references' }).click();
  const dangling = page.getByRole('table', { name: 'Dangling references' });
  const row = dangling.getByRole('row', { name: /demo\/dangling/ });
  await expect(dangling.getByRole('columnheader', { name: 'Actions' })).toBeVisible();
  await row.getByText('Open the route').click();
  await expect(row).toContainText('kubectl -n demo edit ingressroutetcp dangling');
  await expectNoSeriousAxeViolations(page);
  expect(problems).toEqual([]);

  // The name check's 404 (the name is free) is the only console line the editor causes here.
  await row.getByRole('link', { name: 'Create demo/no-such-transport from a template' }).click();
  await expect(page).toHaveURL(/\/new\?ns=demo&template=tcp&name=no-such-transport/);
  await page.getByRole('tab', { name: 'YAML' }).click();
  await expect(page.locator('[data-testid="yaml-editor"] .view-lines')).toContainText(
    'name: no-such-transport',
  );
});
