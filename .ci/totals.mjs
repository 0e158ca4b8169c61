// The last lines of .ci/run: every skipped test with its reason, then "N passed, N failed, N skipped"
// over the unit tests, the judges' suite and the browser journeys. Each suite writes a JSON report;
// a missing one means the suite never ran to the end, which counts as a failure.
import { readFileSync } from 'node:fs';

const read = (file) => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
};

let passed = 0;
let failed = 0;
const skipped = [];

/** A vitest JSON report and the skip reasons that .ci/vitestSkips.mjs wrote beside it. */
function countVitest(label, file) {
  const report = read(file);
  if (report === undefined) {
    console.log(`${label}: no report at ${file}, counted as 1 failed.`);
    failed += 1;
    return;
  }
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  // A test file that cannot even load fails without any failing test in it.
  const broken = (report.testResults ?? []).filter(
    (f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0,
  );
  if (broken.length > 0)
    console.log(`${label}: ${broken.length} test file(s) failed to run, counted as failed.`);
  failed += broken.length;
  const reasons = new Map(
    (read(file.replace(/\.json$/, '.skips.json'))?.skipped ?? []).map((s) => [
      `${s.file} ${s.name}`,
      s.reason,
    ]),
  );
  for (const result of report.testResults ?? []) {
    const path = result.name.startsWith(process.cwd() + '/')
      ? result.name.slice(process.cwd().length + 1)
      : result.name;
    for (const test of result.assertionResults ?? []) {
      if (!['skipped', 'pending', 'todo'].includes(test.status)) continue;
      const reason = reasons.get(`${path} ${test.fullName}`) ?? (test.status === 'todo' ? 'todo' : undefined);
      skipped.push({ label, name: `${path} > ${test.fullName}`, reason });
    }
  }
}

function countPlaywright(file) {
  const report = read(file);
  if (report === undefined || report.stats === undefined) {
    console.log(`Browser journeys: no report at ${file}, counted as 1 failed.`);
    failed += 1;
    return;
  }
  const { expected = 0, unexpected = 0, flaky = 0 } = report.stats;
  passed += expected;
  // Retries are off, so a flaky result is a failure that deserves a look.
  failed += unexpected + flaky;
  // Errors outside any test (the web server did not start, a config error) leave the counts at zero.
  if (unexpected + flaky === 0 && (report.errors ?? []).length > 0) {
    console.log('Browser journeys: the run failed outside the tests, counted as 1 failed.');
    failed += 1;
  }
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'skipped') continue;
        const note = (test.annotations ?? []).find((a) => a.type === 'skip' || a.type === 'fixme');
        skipped.push({
          label: 'Browser journeys',
          name: [...titles, spec.title].join(' > '),
          reason: note?.description,
        });
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  for (const suite of report.suites ?? []) walk(suite, [suite.title]);
}

const reports = process.env.DIALTONE_REPORTS ?? '.reports';
countVitest('Unit tests', `${reports}/vitest.json`);
countVitest('Judges (Traefik, kube-apiserver)', `${reports}/upstream.json`);
countPlaywright(`${reports}/playwright.json`);

if (skipped.length > 0) {
  console.log('Skipped:');
  for (const s of skipped) console.log(`  ${s.label}: ${s.name}: ${s.reason ?? 'no reason given'}`);
}
console.log(`${passed} passed, ${failed} failed, ${skipped.length} skipped`);
process.exitCode = failed > 0 ? 1 : 0;
