import { expect, test } from '@playwright/test';

test('opening the dashboard shows Dialtone on the default cluster without console errors', async ({
  page,
}) => {
  // A console error here is most often a Content-Security-Policy violation, which a screenshot would not show.
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));

  await page.goto('/');

  await expect(page.getByRole('heading', { level: 1, name: 'Dialtone' })).toBeVisible();
  await expect(page).toHaveURL(/#\/c\/demo\/transports$/);
  await expect(page.getByRole('table', { name: 'ServersTransportTCPs' })).toBeVisible();
  expect(problems).toEqual([]);
});
