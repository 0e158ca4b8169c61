import { parseYaml, validate } from '@dialtone/shared';
import { transportCorpus, transportManifest } from './corpus.js';
import { medianMs } from './measure.js';
import type { BenchRow } from './table.js';

const COUNT = 10_000;

/**
 * Validation of 10,000 varied transports against parsing the same YAML text, both in this run:
 * validation (schema, Kubernetes rules, Traefik lints) should cost at most half of parsing.
 */
export function validationBench(runs = 5): BenchRow {
  const text = transportCorpus(COUNT);
  let values: unknown[] = [];
  const parseMs = medianMs(runs, () => {
    values = parseYaml(text, { maxBytes: 64 * 1024 * 1024 }).map((d) => d.value);
  });
  if (values.length !== COUNT)
    throw new Error(`The corpus parsed into ${values.length} documents, expected ${COUNT}.`);
  let findings = 0;
  const validateMs = medianMs(runs, () => {
    findings = 0;
    for (const value of values) findings += validate(value).length;
  });
  const ratio = validateMs / parseMs;
  return {
    name: `validation of ${COUNT.toLocaleString('en-US')} transports`,
    figure: `${validateMs.toFixed(1)} ms (${Math.round((COUNT / validateMs) * 1000).toLocaleString('en-US')} objects/s)`,
    baseline: `YAML parse ${parseMs.toFixed(1)} ms`,
    ratio,
    target: '<= 0.5',
    met: ratio <= 0.5,
    details: { validateMs, parseMs, objectsPerSecond: (COUNT / validateMs) * 1000, findings },
  };
}

/**
 * What the editor does on each keystroke: parse the text of one typical transport and validate it.
 * The budget is absolute (2 ms); the YAML parse of the same text alone is the same-run baseline.
 */
export function keystrokeBench(): BenchRow {
  const text = transportManifest(6);
  const ITERATIONS = 2_000;
  const parseOnly = medianMs(5, () => {
    for (let i = 0; i < ITERATIONS; i++) parseYaml(text);
  });
  const full = medianMs(5, () => {
    for (let i = 0; i < ITERATIONS; i++) {
      const [doc] = parseYaml(text);
      validate(doc!.value);
    }
  });
  const perKeystroke = full / ITERATIONS;
  const perParse = parseOnly / ITERATIONS;
  return {
    name: 'editor keystroke: parse and validate one typical transport',
    figure: `${(perKeystroke * 1000).toFixed(0)} µs`,
    baseline: `YAML parse alone ${(perParse * 1000).toFixed(0)} µs`,
    ratio: perKeystroke / perParse,
    target: '<= 2 ms',
    met: perKeystroke <= 2,
    details: { perKeystrokeMs: perKeystroke, perParseMs: perParse },
  };
}
