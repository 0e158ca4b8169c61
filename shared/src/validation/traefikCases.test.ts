import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fromPointer, isAdmissible } from '../diagnostics/index.js';
import { lintDocuments } from '../lint/index.js';
import { parseYaml } from '../yaml/index.js';
import { validate } from './index.js';

interface TraefikCase {
  name: string;
  valid: boolean;
  error_path?: string;
  notes?: string;
  parser_dependent?: boolean;
  manifest: string;
}

const cases = (
  parse(readFileSync(new URL('../../testdata/traefik-cases.yaml', import.meta.url), 'utf8')) as {
    cases: TraefikCase[];
  }
).cases;

/** The traefik diagnostic each case with a runtime failure or silent degradation in its notes must produce. */
const RUNTIME_FINDINGS: Readonly<Record<string, string>> = {
  'termination-delay-int-100-means-100-seconds': 'traefik.bare-seconds',
  'duration-digits-in-quoted-string': 'traefik.bare-seconds',
  'duration-30m-means-minutes': 'traefik.minutes-unit',
  'durations-zero-integers': 'traefik.zero-duration',
  'dial-timeout-negative-integer': 'traefik.negative-dial-timeout',
  'keepalive-negative-integer-disables': 'traefik.keepalive-disabled',
  'duration-passes-pattern-but-not-go-1s30': 'traefik.duration-unreadable',
  'duration-digit-string-overflows-int64': 'traefik.duration-overflow',
  'duration-integer-exceeds-int32': 'traefik.int32-overflow',
  'proxy-protocol-v1': 'traefik.proxy-protocol-client-only',
  'tls-empty-object': 'traefik.tls-section-inert',
  'tls-insecure-skip-verify-yaml11-yes': 'traefik.insecure-skip-verify',
  'root-cas-secrets-deprecated-array': 'traefik.deprecated-root-cas-secrets',
  'root-cas-mixed-secret-and-configmap-entries': 'traefik.deprecated-root-cas-secrets',
  'root-cas-entry-empty-secret-name': 'traefik.root-ca-empty-name',
  'spiffe-empty-object-authorizes-any': 'traefik.spiffe-needs-static-config',
  'spiffe-with-servername-conflict': 'traefik.spiffe-with-tls',
  'spiffe-invalid-id': 'traefik.spiffe-invalid-id',
  'peer-cert-uri': 'traefik.deprecated-peer-cert-uri',
  'peer-cert-sans-master-only': 'traefik.peer-cert-sans-ignored',
};

/** `spec.tls.rootCAs[0]` → `/spec/tls/rootCAs/0`. */
function pointerOf(fieldPath: string): string {
  return (
    '/' +
    fieldPath
      .replace(/\[(\d+)\]/g, '.$1')
      .split('.')
      .join('/')
  );
}

describe('the shared Traefik cases', () => {
  it('are all here', () => {
    expect(cases.length).toBeGreaterThanOrEqual(57);
  });

  for (const c of cases) {
    describe(c.name, () => {
      const [doc] = parseYaml(c.manifest, { source: `${c.name}.yaml` });

      it(`validate() says ${c.valid ? 'valid' : `invalid at ${c.error_path}`}`, () => {
        expect(doc, 'the manifest parses into one document').toBeDefined();
        const diagnostics = [...doc!.diagnostics, ...validate(doc!.value)];
        expect(isAdmissible(diagnostics)).toBe(c.valid);
        if (!c.valid) {
          const paths = diagnostics
            .filter((d) => d.severity === 'error' && d.source !== 'traefik')
            .map((d) => d.path);
          expect(paths).toContain(pointerOf(c.error_path!));
        }
        const expected = RUNTIME_FINDINGS[c.name];
        if (expected)
          expect(diagnostics.filter((d) => d.source === 'traefik').map((d) => d.code)).toContain(expected);
        if (c.parser_dependent) expect(diagnostics.map((d) => d.code)).toContain('yaml.ambiguous-scalar');
      });

      it('dialtone lint gives the same verdict with a line and column', () => {
        const report = lintDocuments([{ source: `${c.name}.yaml`, text: c.manifest }]);
        expect(report.documents).toHaveLength(1);
        const linted = report.documents[0]!;
        expect(linted.valid).toBe(c.valid);
        for (const d of linted.diagnostics) {
          expect(d.line, `${d.code} has a line`).toBeGreaterThan(0);
          expect(d.column, `${d.code} has a column`).toBeGreaterThan(0);
        }
        if (!c.valid) {
          const target = pointerOf(c.error_path!);
          const hit = linted.diagnostics.find((d) => d.severity === 'error' && d.path === target);
          expect(hit, `an error at ${c.error_path}`).toBeDefined();
          // The line points into the manifest at the field (or its nearest parent when missing).
          const lines = c.manifest.split('\n');
          const segment = fromPointer(target).at(-1)!;
          const lineText = lines[hit!.line! - 1]!;
          if (c.manifest.includes(`${segment}:`)) expect(lineText).toContain(`${segment}:`);
        }
      });
    });
  }
});
