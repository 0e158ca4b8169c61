// A vitest reporter for .ci/run's totals: every skipped test with the reason it gave
// (`context.skip(reason)`), written beside the run's JSON report as `<report>.skips.json`, since the
// JSON report itself keeps no reasons.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';

/** The test's name as the JSON report writes it: its suites' names and its own, joined by spaces. */
function fullName(test) {
  const names = [test.name];
  for (let parent = test.parent; parent?.type === 'suite'; parent = parent.parent) names.unshift(parent.name);
  return names.join(' ');
}

export default class SkipsReporter {
  onInit(vitest) {
    const output = vitest.config.outputFile;
    const json = typeof output === 'string' ? output : output?.json;
    this.file = json ? json.replace(/\.json$/, '') + '.skips.json' : undefined;
  }

  onTestRunEnd(testModules) {
    if (!this.file) return;
    const skipped = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state !== 'skipped') continue;
        skipped.push({
          file: relative(process.cwd(), module.moduleId),
          name: fullName(test),
          reason: result.note ?? null,
        });
      }
    }
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, JSON.stringify({ skipped }, null, 2) + '\n');
  }
}
