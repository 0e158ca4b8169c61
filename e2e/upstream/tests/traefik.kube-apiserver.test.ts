import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeApiserver, type RunningKubeApiserver } from '../support/kubeApiserver.js';
import { judgeCases, Pki } from '../traefik/corpus.js';
import { formatTable, runJudge, type JudgeRow } from '../traefik/judge.js';

const pki = new Pki();
const cases = judgeCases(pki);

describe('Traefik v3.7.9 on kube-apiserver judges Dialtone', () => {
  let apiserver: RunningKubeApiserver;
  let rows: JudgeRow[] = [];
  let version = '';

  beforeAll(async () => {
    apiserver = await startKubeApiserver();
    const result = await runJudge(
      {
        name: 'kube-apiserver',
        kubeconfigPath: apiserver.kubeconfigPath,
        endpoint: apiserver.url,
        adminToken: apiserver.tokens.admin,
        caPem: apiserver.caPem,
        reach: 'externalName',
        dialtoneBackendArgs: ['--allow-external-name-services'],
        logDir: '.reports/judges/kube-apiserver',
      },
      pki,
      cases,
    );
    rows = result.rows;
    version = result.traefikVersion;
    const table = formatTable(rows);
    mkdirSync('.reports', { recursive: true });
    writeFileSync(
      '.reports/traefik-judge-kube-apiserver.md',
      `Traefik ${version} on kube-apiserver\n\n${table}\n`,
    );
    console.log(`Traefik ${version} on kube-apiserver\n${table}`);
  }, 900_000);

  afterAll(async () => {
    await apiserver?.close();
  });

  it('is the release the judges are built from', () => {
    expect(version).toBe('3.7.9');
  });

  it('has at least 40 cases, and Traefik serves the baseline ones', () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
    const byId = new Map(rows.map((r) => [r.case.id, r]));
    expect(byId.get('tls-verified')?.traefik.traffic).toBe('pass');
    expect(byId.get('tcp-echo')?.traefik.traffic).toBe('pass');
    expect(byId.get('route-baseline')?.traefik.router).toBe('enabled');
  });

  for (const c of cases) {
    it(`${c.id}: Dialtone agrees with Traefik (${c.title})`, () => {
      const row = rows.find((r) => r.case.id === c.id);
      expect(row, 'the case did not run').toBeDefined();
      expect(row?.disagreements ?? []).toEqual([]);
    });
  }
});
