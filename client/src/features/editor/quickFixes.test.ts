import { describe, expect, it } from 'vitest';
import { editModelMany, readModel } from './editModel';
import { quickFix } from './quickFixes';

const text = (spec: string) =>
  `apiVersion: traefik.io/v1alpha1\nkind: ServersTransportTCP\nmetadata:\n  name: t\n  namespace: demo\nspec:\n${spec}`;

function fixAll(source: string, code: string) {
  const model = readModel(source, undefined);
  const finding = model.diagnostics.find((d) => d.code === code);
  expect(finding, `no ${code} in ${JSON.stringify(model.diagnostics)}`).toBeDefined();
  const fix = quickFix(finding!, model.value);
  expect(fix).toBeDefined();
  return { fix: fix!, after: editModelMany(model, fix!.edits, undefined) };
}

describe('quickFix', () => {
  it('makes bare seconds explicit', () => {
    const { fix, after } = fixAll(text('  dialTimeout: 90 # slow backend\n'), 'traefik.bare-seconds');
    expect(fix.label).toBe('Write "1m30s"');
    expect(after.text).toContain('dialTimeout: 1m30s # slow backend');
    expect(after.diagnostics.map((d) => d.code)).not.toContain('traefik.bare-seconds');
  });

  it('moves rootCAsSecrets to rootCAs', () => {
    const { after } = fixAll(
      text('  tls:\n    serverName: b\n    rootCAsSecrets:\n      - legacy-ca\n'),
      'traefik.deprecated-root-cas-secrets',
    );
    expect(after.value).toMatchObject({
      spec: { tls: { serverName: 'b', rootCAs: [{ secret: 'legacy-ca' }] } },
    });
    expect(after.text).not.toContain('rootCAsSecrets');
  });

  it('renames a misspelt field the validator recognised', () => {
    const { fix, after } = fixAll(text('  dialTimout: 5s\n'), 'schema.unknown-field');
    expect(fix.label).toBe('Rename to dialTimeout');
    expect(after.value).toMatchObject({ spec: { dialTimeout: '5s' } });
    expect(after.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('offers nothing when the intent is unclear', () => {
    const model = readModel(text('  dialTimeout: "1s30"\n'), undefined);
    const unreadable = model.diagnostics.find((d) => d.code === 'traefik.duration-unreadable')!;
    expect(quickFix(unreadable, model.value)).toBeUndefined();
  });
});
