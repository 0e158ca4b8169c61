import { describe, expect, it } from 'vitest';
import { editModel, editModelMany, readModel, withServerFindings } from './editModel';

const text = `# the TLS backend
apiVersion: traefik.io/v1alpha1
kind: ServersTransportTCP
metadata:
  name: tls-backend
  namespace: demo
spec:
  dialTimeout: 5s # keep it short
  tls:
    serverName: backend.demo.svc
`;

describe('edit model', () => {
  it('keeps comments and key order through a form edit', () => {
    const model = readModel(text, undefined);
    expect(model.diagnostics).toEqual([]);
    const edited = editModel(model, ['spec', 'dialTimeout'], 100, undefined);
    expect(edited.text).toContain('# the TLS backend');
    expect(edited.text).toContain('dialTimeout: 100 # keep it short');
    expect(edited.text.indexOf('dialTimeout')).toBeLessThan(edited.text.indexOf('tls:'));
    const removed = editModel(edited, ['spec', 'tls', 'serverName'], undefined, undefined);
    expect(removed.text).not.toContain('serverName');
  });

  it('removes what a form edit left empty, so no proxyProtocol: {} is saved', () => {
    const model = readModel(text.replace('spec:\n', 'spec:\n  proxyProtocol:\n    version: 2\n'), undefined);
    const cleared = editModel(model, ['spec', 'proxyProtocol', 'version'], undefined, undefined);
    expect(cleared.text).not.toContain('proxyProtocol');
    const noTls = editModel(cleared, ['spec', 'tls', 'serverName'], undefined, undefined);
    expect(noTls.text).not.toContain('tls:');
    expect(noTls.text).toContain('spec:');
  });

  it('reports the shared diagnostics with positions', () => {
    const model = readModel(text.replace('5s', '"1s30"').replace('serverName', 'serverNam'), undefined);
    const codes = model.diagnostics.map((d) => `${d.code}@${String(d.line)}`);
    expect(codes).toContain('traefik.duration-unreadable@8');
    expect(model.diagnostics.some((d) => d.path === '/spec/tls/serverNam' && d.line === 10)).toBe(true);
  });

  it('refuses form edits on text that cannot be read, and several documents', () => {
    const broken = readModel('spec: [', undefined);
    expect(broken.fatal).toBe(true);
    expect(editModel(broken, ['spec'], 1, undefined)).toBe(broken);
    expect(readModel(`${text}---\n${text}`, undefined).shapeProblem).toMatch(/several documents/);
  });

  it('applies several edits on one document', () => {
    const model = editModelMany(
      readModel(text, undefined),
      [
        { path: ['spec', 'tls', 'serverName'], value: 'b' },
        { path: ['metadata', 'labels', 'team'], value: 'edge' },
      ],
      undefined,
    );
    expect(model.text).toContain('serverName: b');
    expect(model.text).toContain('team: edge');
    expect(model.text).toContain('# keep it short');
  });
});

describe('withServerFindings', () => {
  it('adds only what the local validator did not already say', () => {
    const local = readModel(text.replace('5s', '"1s30"'), undefined).diagnostics;
    const merged = withServerFindings(local, {
      dryRun: true,
      documents: [
        {
          index: 0,
          valid: false,
          diagnostics: [
            ...local,
            {
              severity: 'error',
              code: 'kubernetes.admission',
              source: 'kubernetes',
              path: '/spec/tls/serverName',
              message: 'denied by a webhook',
              line: 10,
            },
          ],
        },
      ],
    });
    expect(merged.length).toBe(local.length + 1);
    expect(merged.at(-1)?.code).toBe('kubernetes.admission');
  });
});
