import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { collectProblems, expectNoSeriousAxeViolations } from './support/dashboard.js';
import { startDemoServer, type DemoServer } from './support/demoServer.js';

interface RouteList {
  items: {
    metadata: { namespace: string; name: string };
    spec: {
      entryPoints?: string[];
      routes: {
        match: string;
        services: { name: string; port: number | string; serversTransport?: string }[];
      }[];
    };
  }[];
}

/**
 * Traefik's API as Traefik v3.7.9 would answer for the demo's routes, named as its kubernetescrd
 * provider names them, with two departures the page must show: the routes of tls-backend in error,
 * and the cross-namespace reference to demo-proxy-v2 loaded, as a Traefik with allowCrossNamespace does.
 */
function traefikAnswers(routes: RouteList): Record<string, unknown> {
  const routers: object[] = [];
  const services: object[] = [];
  for (const route of routes.items) {
    route.spec.routes.forEach((entry) => {
      const hash = createHash('sha256').update(entry.match).digest('hex').slice(0, 20);
      const id = `${route.metadata.namespace}-${route.metadata.name}-${hash}`;
      const service = entry.services[0];
      const transport = service?.serversTransport;
      if (!transport || transport.includes('@internal') || transport === 'no-such-transport') return;
      const qualified = transport.includes('@') ? transport : `${route.metadata.namespace}-${transport}`;
      const broken = transport === 'tls-backend';
      routers.push({
        name: `${id}@kubernetescrd`,
        provider: 'kubernetescrd',
        entryPoints: route.spec.entryPoints ?? [],
        rule: entry.match,
        service: id,
        // Traefik refuses the transport's dialer while building the router: the error is the router's.
        status: broken ? 'disabled' : 'enabled',
        ...(broken ? { error: ['unknown proxyProtocol version: 0'] } : {}),
      });
      services.push({
        name: `${id}@kubernetescrd`,
        provider: 'kubernetescrd',
        loadBalancer: { serversTransport: qualified },
        status: 'enabled',
      });
    });
  }
  return {
    '/api/version': { Version: '3.7.9', Codename: 'demo' },
    '/api/overview': {
      tcp: {
        routers: { total: routers.length, warnings: 0, errors: 0 },
        services: { total: services.length, warnings: 0, errors: 3 },
      },
    },
    '/api/tcp/routers': routers,
    '/api/tcp/services': services,
  };
}

let server: DemoServer;
let fake: Server;
let answers: Record<string, unknown> = {};

test.beforeAll(async () => {
  fake = createServer((req, res) => {
    const answer = answers[new URL(req.url ?? '/', 'http://x').pathname];
    if (answer === undefined) res.writeHead(404).end('404 page not found\n');
    else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  const port = (fake.address() as AddressInfo).port;
  server = await startDemoServer(7397, 'local', ['--traefik-api', `demo=http://127.0.0.1:${port}`]);
  answers = traefikAnswers(
    JSON.parse(server.kubectl('get', 'ingressroutetcps', '-A', '-o', 'json')) as RouteList,
  );
});

test.afterAll(async () => {
  await server?.stop();
  await new Promise((resolve) => fake?.close(resolve));
});

test("the list and the detail show Traefik's own view beside Dialtone's prediction", async ({ page }) => {
  const problems = collectProblems(page);
  await page.goto(`${server.baseURL}/#/c/demo/transports`);
  const header = page.getByRole('columnheader', { name: /^Traefik http:\/\/127\.0\.0\.1:\d+$/ });
  await expect(header).toBeVisible();
  const row = (name: string) =>
    page.getByTestId('transport-row').filter({ has: page.getByRole('link', { name, exact: true }) });
  await expect(row('mtls-backend')).toContainText('loaded');
  await expect(row('tls-backend')).toContainText('in error (3 of 3 routers)');
  await expect(row('unused')).toContainText('not used');

  await row('mtls-backend').getByRole('link', { name: 'mtls-backend' }).click();
  const view = page.getByTestId('traefik-view');
  await expect(view.getByRole('heading', { name: "Traefik's view" })).toBeVisible();
  await expect(view).toContainText('version 3.7.9');
  await expect(view.getByTestId('traefik-agrees')).toHaveText("Traefik agrees with Dialtone's prediction.");
  await expect(view.getByRole('table').first()).toContainText('demo/mtls');
  await expectNoSeriousAxeViolations(page);

  await page.goto(`${server.baseURL}/#/c/demo/ns/demo/transports/tls-backend`);
  const disagreement = page.getByTestId('traefik-disagrees');
  await expect(disagreement).toContainText('Traefik reports: unknown proxyProtocol version: 0');
  await expect(disagreement).toContainText('Dialtone predicted that Traefik loads it without errors');

  await page.goto(`${server.baseURL}/#/c/demo/ns/demo/transports/proxy-v2`);
  // Traefik (with allowCrossNamespace in its fake setup) serves the cross-namespace route; Dialtone
  // assumes the default and predicts the refusal, so the view names the setting that explains it.
  await expect(page.getByTestId('traefik-disagrees')).toContainText(
    'Dialtone predicted: Traefik does not create this service',
  );
  await expect(page.getByTestId('traefik-disagrees')).toContainText('allowCrossNamespace');
  expect(problems).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('traefik-view.png'), fullPage: true });
});
