import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from './io.js';
import { hostPolicyFor, isLoopbackHost, parseServeOptions } from './serveOptions.js';

describe('parseServeOptions', () => {
  it('defaults to 127.0.0.1:7300 with local auth', () => {
    expect(parseServeOptions([])).toMatchObject({
      host: '127.0.0.1',
      port: 7300,
      auth: 'local',
      demo: false,
      inCluster: false,
      probeAllow: [],
    });
  });

  it("says Traefik's SPIFFE is not configured unless --traefik-spiffe is given", () => {
    expect(parseServeOptions([]).traefikSpiffe).toBe(false);
    expect(parseServeOptions(['--traefik-spiffe']).traefikSpiffe).toBe(true);
  });

  it('accepts every serve flag in the help', () => {
    const options = parseServeOptions([
      '--host=::1',
      '--port',
      '8080',
      '--kubeconfig',
      '/tmp/kubeconfig',
      '--context',
      'staging',
      '--data-dir',
      '/tmp/dialtone',
      '--auth',
      'local',
      '--probe-allow',
      '10.0.0.0/8',
      '--probe-allow',
      'fd00::/8',
    ]);
    expect(options).toMatchObject({
      host: '::1',
      port: 8080,
      kubeconfig: '/tmp/kubeconfig',
      context: 'staging',
      dataDir: '/tmp/dialtone',
      probeAllow: ['10.0.0.0/8', 'fd00::/8'],
    });
    expect(parseServeOptions(['--demo']).demo).toBe(true);
    expect(parseServeOptions(['--in-cluster']).inCluster).toBe(true);
  });

  it('accepts the auth modes with what each needs', () => {
    expect(parseServeOptions(['--auth', 'token', '--host', '0.0.0.0'])).toMatchObject({
      auth: 'token',
      host: '0.0.0.0',
    });
    expect(
      parseServeOptions([
        '--auth',
        'proxy',
        '--trusted-proxy',
        '127.0.0.1/32',
        '--user-header',
        'X-Auth-Request-User',
      ]),
    ).toMatchObject({ auth: 'proxy', trustedProxies: ['127.0.0.1/32'], userHeader: 'X-Auth-Request-User' });
    expect(parseServeOptions(['--host', '0.0.0.0', '--allow-remote'])).toMatchObject({
      auth: 'local',
      allowRemote: true,
    });
  });

  describe("Traefik's kubernetescrd options, named and read as dialtone lint reads them", () => {
    const dir = mkdtempSync(join(tmpdir(), 'dialtone-serve-options-'));
    writeFileSync(
      join(dir, 'values.yaml'),
      [
        'providers:',
        '  kubernetesCRD:',
        '    enabled: true',
        '    allowCrossNamespace: true',
        '    allowExternalNameServices: true',
        '    crossProviderNamespaces: [ops]',
        '    ingressClass: internal',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'typo.yaml'), 'allowCrossNamespaces: true\n');

    it("leaves every option to Traefik's defaults unless given", () => {
      expect(parseServeOptions([]).provider).toEqual({});
    });

    it('takes every option as a flag', () => {
      const options = parseServeOptions([
        '--allow-cross-namespace',
        '--allow-external-name-services',
        '--cross-provider-namespaces',
        'ops, shop',
        '--allow-empty-services',
        '--native-lb-by-default',
        '--ingress-class',
        'internal',
        '--disable-cluster-scope-resources',
      ]);
      expect(options.provider).toEqual({
        allowCrossNamespace: true,
        allowExternalNameServices: true,
        crossProviderNamespaces: ['ops', 'shop'],
        allowEmptyServices: true,
        nativeLBByDefault: true,
        ingressClass: 'internal',
        disableClusterScopeResources: true,
      });
      // An empty list is Traefik's "no namespace may", not "unset".
      expect(parseServeOptions(['--cross-provider-namespaces=']).provider).toEqual({
        crossProviderNamespaces: [],
      });
    });

    it('reads --provider-options relative to the working directory, and flags win over it', () => {
      expect(parseServeOptions(['--provider-options', 'values.yaml'], dir).provider).toEqual({
        allowCrossNamespace: true,
        allowExternalNameServices: true,
        crossProviderNamespaces: ['ops'],
        ingressClass: 'internal',
      });
      const overridden = parseServeOptions(
        ['--provider-options', 'values.yaml', '--cross-provider-namespaces', '', '--ingress-class', 'edge'],
        dir,
      );
      expect(overridden.provider).toMatchObject({ crossProviderNamespaces: [], ingressClass: 'edge' });
    });

    it('refuses a misspelt option in the file and a file that is not there, as usage errors', () => {
      const typo = () => parseServeOptions(['--provider-options', 'typo.yaml'], dir);
      expect(typo).toThrow(UsageError);
      expect(typo).toThrow(/allowCrossNamespaces is not an option of Traefik's kubernetescrd provider/);
      expect(() => parseServeOptions(['--provider-options', 'absent.yaml'], dir)).toThrow(
        /cannot read --provider-options absent.yaml/,
      );
      expect(() => parseServeOptions(['--allow-cross-namespaces'])).toThrow(UsageError);
    });
  });

  it.each([
    [['--port', '70000'], /--port "70000" is not a port number/],
    [['--port', '-1'], /--port/],
    [['--port'], /--port/],
    [['--bogus'], /Unknown option '--bogus'/],
    [['stray'], /Unexpected argument 'stray'/],
    [['--auth', 'magic'], /--auth "magic" is not a mode/],
    [['--auth', 'proxy'], /--auth proxy needs --trusted-proxy/],
    [['--trusted-proxy', '10.0.0.0/8'], /only means something with --auth proxy/],
    [['--auth', 'proxy', '--trusted-proxy', '10.0.0.0/99'], /--trusted-proxy "10.0.0.0\/99"/],
    [['--host', '0.0.0.0'], /binds loopback only.*--allow-remote/],
    [['--probe-allow', '10.0.0.0/33'], /--probe-allow "10.0.0.0\/33"/],
    [['--probe-allow', 'example.com'], /--probe-allow/],
    [['--demo', '--in-cluster'], /--demo and --in-cluster/],
    [['--host', ''], /--host needs an address/],
  ])('rejects %j', (args, message) => {
    expect(() => parseServeOptions(args)).toThrow(UsageError);
    expect(() => parseServeOptions(args)).toThrow(message);
  });
});

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1'])(
    '%s is loopback',
    (host) => {
      expect(isLoopbackHost(host)).toBe(true);
    },
  );

  it.each(['0.0.0.0', '::', '192.168.1.10', 'example.com'])('%s is not loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('hostPolicyFor (DNS rebinding)', () => {
  it('checks Host in local mode and on loopback, with --allowed-host names added', () => {
    expect(hostPolicyFor(parseServeOptions(['--allowed-host', 'Dialtone.Example.com']))).toEqual({
      bound: ['127.0.0.1', 'localhost', '::1'],
      allowed: ['dialtone.example.com'],
    });
    expect(hostPolicyFor(parseServeOptions(['--auth', 'token']))?.bound).toContain('localhost');
    const remoteLocal = parseServeOptions(['--host', '0.0.0.0', '--allow-remote']);
    expect(hostPolicyFor(remoteLocal)).toEqual({ bound: ['127.0.0.1', 'localhost', '::1'], allowed: [] });
  });

  it('serves every Host in token and proxy mode on a wildcard address unless --allowed-host is given', () => {
    expect(hostPolicyFor(parseServeOptions(['--auth', 'token', '--host', '0.0.0.0']))).toBeUndefined();
    const named = parseServeOptions(['--auth', 'token', '--host', '0.0.0.0', '--allowed-host', 'dt.example']);
    expect(hostPolicyFor(named)?.allowed).toEqual(['dt.example']);
  });

  it('refuses an --allowed-host with a scheme or port, and parses --metrics-port', () => {
    expect(() => parseServeOptions(['--allowed-host', 'https://dt.example'])).toThrow(/not a host name/);
    expect(() => parseServeOptions(['--allowed-host', 'dt.example:8443'])).toThrow(/without scheme or port/);
    expect(parseServeOptions(['--metrics-port', '9300']).metricsPort).toBe(9300);
  });
});
