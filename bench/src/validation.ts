import { parseYaml, validate } from '@dialtone/shared';
import { transportCorpus, transportManifest } from './corpus.js';
import { count, type Scale } from './scale.js';
import { medianMs } from './stats.js';
import { budgetRow, ratioRow, type BenchRow } from './table.js';

/**
 * Validation of varied transports against parsing the same YAML text, both in this run: validation
 * (schema, Kubernetes rules, Traefik lints) should cost at most half of parsing.
 */
export function validationBench(scale: Scale): BenchRow {
  const text = transportCorpus(scale.corpus);
  const runs = scale.quick ? 3 : 5;
  let values: unknown[] = [];
  const parseMs = medianMs(runs, () => {
    values = parseYaml(text, { maxBytes: 64 * 1024 * 1024 }).map((d) => d.value);
  });
  if (values.length !== scale.corpus)
    throw new Error(`The corpus parsed into ${values.length} documents, expected ${scale.corpus}.`);
  let findings = 0;
  const validateMs = medianMs(runs, () => {
    findings = 0;
    for (const value of values) findings += validate(value).length;
  });
  const perSecond = Math.round((scale.corpus / validateMs) * 1000);
  return ratioRow({
    name: `validation of ${count(scale.corpus)} transports`,
    figure: `${validateMs.toFixed(1)} ms (${count(perSecond)} objects/s)`,
    against: `YAML parse of the same text ${parseMs.toFixed(1)} ms`,
    ratio: validateMs / parseMs,
    max: 0.5,
    details: { validateMs, parseMs, objectsPerSecond: perSecond, findings },
  });
}

/**
 * What the editor does on each keystroke: parse the text of one typical transport and validate it.
 * It is held to a budget (2 ms, well inside one frame); the parse alone is shown for scale.
 */
export function keystrokeBench(scale: Scale): BenchRow {
  const text = transportManifest(6);
  const iterations = scale.quick ? 200 : 2_000;
  const parseOnly = medianMs(5, () => {
    for (let i = 0; i < iterations; i++) parseYaml(text);
  });
  const full = medianMs(5, () => {
    for (let i = 0; i < iterations; i++) {
      const [doc] = parseYaml(text);
      validate(doc!.value);
    }
  });
  const perKeystroke = full / iterations;
  const perParse = parseOnly / iterations;
  return budgetRow({
    name: 'editor keystroke: parse and validate one typical transport',
    figure: `${(perKeystroke * 1000).toFixed(0)} µs (YAML parse alone ${(perParse * 1000).toFixed(0)} µs)`,
    value: perKeystroke,
    budget: 2,
    unit: 'ms',
    details: { perKeystrokeMs: perKeystroke, perParseMs: perParse },
  });
}
