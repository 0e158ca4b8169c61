import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fromPointer, isAdmissible } from '../diagnostics/index.js';
import { lintDocuments } from '../lint/index.js';
import type { TraefikRelease } from '../schema/index.js';
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

interface Expectation {
  valid: boolean;
  errorPath?: string;
  finding?: string;
  /** A finding that must not appear against this release's schema. */
  absent?: string;
}

/**
 * The corpus is written against master's CRD (its header says so). Against v3.7.9's CRD, the default,
 * peerCertSANs is an unknown field and peerCertURI is not deprecated; everything else is the same.
 */
function expectation(c: TraefikCase, release: TraefikRelease): Expectation {
  const onMaster: Expectation = { valid: c.valid };
  if (c.error_path) onMaster.errorPath = c.error_path;
  if (RUNTIME_FINDINGS[c.name]) onMaster.finding = RUNTIME_FINDINGS[c.name]!;
  if (release === 'master') return onMaster;
  if (c.name === 'peer-cert-sans-master-only')
    return { valid: false, errorPath: 'spec.tls.peerCertSANs', absent: 'traefik.peer-cert-sans-ignored' };
  if (c.name === 'peer-cert-uri') return { valid: true, absent: 'traefik.deprecated-peer-cert-uri' };
  return onMaster;
}

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

  for (const release of ['3.7', 'master'] as const) {
    for (const c of cases) {
      const expected = expectation(c, release);
      describe(`${c.name} against Traefik ${release}'s CRD`, () => {
        const [doc] = parseYaml(c.manifest, { source: `${c.name}.yaml` });

        it(`validate() says ${expected.valid ? 'valid' : `invalid at ${expected.errorPath}`}`, () => {
          expect(doc, 'the manifest parses into one document').toBeDefined();
          const diagnostics = [...doc!.diagnostics, ...validate(doc!.value, { traefik: release })];
          expect(isAdmissible(diagnostics)).toBe(expected.valid);
          if (!expected.valid) {
            const paths = diagnostics
              .filter((d) => d.severity === 'error' && d.source !== 'traefik')
              .map((d) => d.path);
            expect(paths).toContain(pointerOf(expected.errorPath!));
          }
          const traefikCodes = diagnostics.filter((d) => d.source === 'traefik').map((d) => d.code);
          if (expected.finding) expect(traefikCodes).toContain(expected.finding);
          if (expected.absent) expect(traefikCodes).not.toContain(expected.absent);
          if (c.parser_dependent) expect(diagnostics.map((d) => d.code)).toContain('yaml.ambiguous-scalar');
        });

        it('dialtone lint gives the same verdict with a line and column', () => {
          const report = lintDocuments([{ source: `${c.name}.yaml`, text: c.manifest }], {
            traefik: release,
          });
          expect(report.documents).toHaveLength(1);
          const linted = report.documents[0]!;
          expect(linted.valid).toBe(expected.valid);
          for (const d of linted.diagnostics) {
            expect(d.line, `${d.code} has a line`).toBeGreaterThan(0);
            expect(d.column, `${d.code} has a column`).toBeGreaterThan(0);
          }
          if (expected.finding) expect(linted.diagnostics.map((d) => d.code)).toContain(expected.finding);
          if (expected.absent) expect(linted.diagnostics.map((d) => d.code)).not.toContain(expected.absent);
          if (!expected.valid) {
            const target = pointerOf(expected.errorPath!);
            const hit = linted.diagnostics.find((d) => d.severity === 'error' && d.path === target);
            expect(hit, `an error at ${expected.errorPath}`).toBeDefined();
            // The line points into the manifest at the field (or its nearest parent when missing).
            const lines = c.manifest.split('\n');
            const segment = fromPointer(target).at(-1)!;
            const lineText = lines[hit!.line! - 1]!;
            if (c.manifest.includes(`${segment}:`)) expect(lineText).toContain(`${segment}:`);
          }
        });
      });
    }
  }
});
