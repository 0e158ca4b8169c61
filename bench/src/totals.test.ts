import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function reports(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dialtone-totals-'));
  dirs.push(dir);
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(body));
  return dir;
}

function totals(dir: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['.ci/totals.mjs'],
      { cwd: ROOT, env: { ...process.env, DIALTONE_REPORTS: dir } },
      (error, stdout) => resolve({ code: error ? Number(error.code) : 0, out: stdout }),
    );
  });
}

const vitest = (skipped: { name: string; status: string }[]) => ({
  numPassedTests: 3,
  numFailedTests: 0,
  testResults: [
    {
      name: join(ROOT, 'deploy/compose.test.ts'),
      status: 'passed',
      assertionResults: [
        { status: 'passed', fullName: 'ok' },
        ...skipped.map((s) => ({ ...s, fullName: s.name })),
      ],
    },
  ],
});

const playwright = {
  stats: { expected: 2, unexpected: 0, flaky: 0, skipped: 1 },
  errors: [],
  suites: [
    {
      title: 'budget.spec.ts',
      specs: [
        { title: 'loads', tests: [{ status: 'expected', annotations: [] }] },
        {
          title: 'scrolls',
          tests: [{ status: 'skipped', annotations: [{ type: 'skip', description: 'no GPU here' }] }],
        },
      ],
    },
  ],
};

describe('.ci/run totals', () => {
  it('counts skipped tests and lists each with its reason', async () => {
    const dir = reports({
      'vitest.json': vitest([
        { name: 'docker-compose.yml is accepted by docker-compose config', status: 'skipped' },
      ]),
      'vitest.skips.json': {
        skipped: [
          {
            file: 'deploy/compose.test.ts',
            name: 'docker-compose.yml is accepted by docker-compose config',
            reason: 'the docker-compose program is not on this machine',
          },
        ],
      },
      'upstream.json': vitest([{ name: 'a judge case', status: 'skipped' }]),
      'playwright.json': playwright,
    });
    const { code, out } = await totals(dir);
    expect(out).toContain(
      'Unit tests: deploy/compose.test.ts > docker-compose.yml is accepted by docker-compose config: the docker-compose program is not on this machine',
    );
    expect(out).toContain(
      'Judges (Traefik, kube-apiserver): deploy/compose.test.ts > a judge case: no reason given',
    );
    expect(out).toContain('Browser journeys: budget.spec.ts > scrolls: no GPU here');
    expect(out.trim().split('\n').at(-1)).toBe('8 passed, 0 failed, 3 skipped');
    expect(code).toBe(0);
  });

  it('counts a suite without a report as a failure', async () => {
    const { code, out } = await totals(reports({ 'vitest.json': vitest([]), 'playwright.json': playwright }));
    expect(out).toContain('no report at');
    expect(out.trim().split('\n').at(-1)).toBe('5 passed, 1 failed, 1 skipped');
    expect(code).toBe(1);
  });
});
