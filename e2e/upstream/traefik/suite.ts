import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judgeCases, Pki } from './corpus.js';
import { formatTable, runJudge, type JudgeRow, type JudgeTarget } from './judge.js';

export interface JudgedCluster {
  target: Omit<JudgeTarget, 'logDir'>;
  close(): Promise<void>;
}

/**
 * The Traefik judge as a test suite: one test per case, each failing on any disagreement between
 * Traefik v3.7.9 and Dialtone, and the agreement table written to `.reports/traefik-judge-<slug>.md`.
 */
export function defineTraefikJudge(slug: string, start: () => Promise<JudgedCluster>): void {
  const pki = new Pki();
  const cases = judgeCases(pki);

  describe(`Traefik v3.7.9 on ${slug} judges Dialtone`, () => {
    let cluster: JudgedCluster | undefined;
    let rows: JudgeRow[] = [];
    let version = '';

    beforeAll(async () => {
      cluster = await start();
      const result = await runJudge({ ...cluster.target, logDir: `.reports/judges/${slug}` }, pki, cases);
      rows = result.rows;
      version = result.traefikVersion;
      const table = formatTable(rows);
      mkdirSync('.reports', { recursive: true });
      writeFileSync(`.reports/traefik-judge-${slug}.md`, `Traefik ${version} on ${slug}\n\n${table}\n`);
      console.log(`Traefik ${version} on ${slug}\n${table}`);
    }, 900_000);

    afterAll(async () => {
      await cluster?.close();
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
}
