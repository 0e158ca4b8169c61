import type { ProviderSettings } from '@dialtone/shared';

/**
 * The TCP cases of the tests of Traefik v3.7.9's kubernetescrd provider
 * (pkg/provider/kubernetes/crd/kubernetes_test.go), as our test data: the fixture, the provider
 * options the test sets, and what the provider builds from them. Names are the IDs Traefik gives
 * (its API shows them with @kubernetescrd): a router and a route's single service take
 * `namespace-name-` and the first 10 bytes of the rule's SHA-256; several services each get
 * `<router>-<service>-<port>` under a weighted service named like the router.
 */
export interface ProviderCase {
  /** Traefik's test function and case description. */
  test: string;
  name: string;
  /** The fixture under fixtures/tcp/, linted together with fixtures/tcp/services.yml. */
  fixture: string;
  /** The files, where the test reads others than services.yml and the fixture. */
  files?: string[];
  options: Partial<ProviderSettings>;
  builds: { routers: string[]; services: string[]; transports: string[] };
  /**
   * The fixture holds an object a real API server would refuse, which Traefik's tests load through
   * a fake client: lint says so instead of predicting what Traefik builds.
   */
  refusedByApiServer?: { document: string; path: string; why: string };
}

const FOO = 'default-test.route-fdd3e9338e47a45efefc';
const BAR = 'default-test.route-f44ce589164e656d231c';
const NOTHING = { routers: [], services: [], transports: [] };
const ONE = { routers: [FOO], services: [FOO], transports: [] };
const ROUTER_ONLY = { routers: [FOO], services: [], transports: [] };
// TestLoadIngressRouteTCPs runs with both gates open.
const OPEN = { allowCrossNamespace: true, allowExternalNameServices: true };

function load(name: string, fixture: string, builds: ProviderCase['builds'], options = {}): ProviderCase {
  return { test: 'TestLoadIngressRouteTCPs', name, fixture, options: { ...OPEN, ...options }, builds };
}

// One route, one service, nothing refused: the provider builds the router and its service.
const BUILT_AS_WRITTEN: readonly (readonly [string, string])[] = [
  ['TLS', 'with_tls.yml'],
  ['TLS with passthrough', 'with_tls_passthrough.yml'],
  ['TLS with tls options', 'with_tls_options.yml'],
  ['TLS with tls options and specific namespace', 'with_tls_options_and_specific_namespace.yml'],
  ['TLS with bad tls options', 'with_bad_tls_options.yml'],
  ['TLS with unknown tls options', 'with_unknown_tls_options.yml'],
  ['TLS with unknown tls options namespace', 'with_unknown_tls_options_namespace.yml'],
  ['TLS with ACME', 'with_tls_acme.yml'],
  ['TCP with terminationDelay', 'with_termination_delay.yml'],
  ['TLS with tls Store', 'with_tls_store.yml'],
  ['Simple Ingress Route, with externalName service', 'with_externalname.yml'],
  ['Ingress Route, externalName service with port', 'with_externalname_with_port.yml'],
];

const loadCases: ProviderCase[] = [
  load('Simple Ingress Route, with foo entrypoint', 'simple.yml', ONE),
  load('Simple Ingress Route, with foo entrypoint, tls encryption to service', 'with_tls_service.yml', ONE),
  load('Simple Ingress Route, with foo entrypoint and middleware', 'with_middleware.yml', ONE),
  load('Middlewares in ingress route config are normalized', 'with_middleware_multiple_hyphens.yml', ONE),
  load(
    'Simple Ingress Route, with foo entrypoint and crossprovider middleware',
    'with_middleware_cross_provider.yml',
    ONE,
  ),
  load('One ingress Route with two different rules', 'with_two_rules.yml', {
    routers: [FOO, BAR],
    services: [FOO, BAR],
    transports: [],
  }),
  // Both rules give the same ID, so the second overwrites the first.
  load('One ingress Route with two identical rules', 'with_two_identical_rules.yml', ONE),
  load('One ingress Route with two different services', 'with_two_services.yml', {
    routers: [FOO],
    services: [FOO, `${FOO}-whoamitcp-8000`, `${FOO}-whoamitcp2-8080`],
    transports: [],
  }),
  // The fourth service names a Service in a namespace that has none: "service not found".
  load('One ingress Route with different services namespaces', 'with_different_services_ns.yml', {
    routers: [FOO],
    services: [FOO, `${FOO}-whoamitcp-8000`, `${FOO}-whoamitcp2-8080`, `${FOO}-whoamitcp3-8083`],
    transports: [],
  }),
  load('Ingress class does not match', 'simple.yml', NOTHING, { ingressClass: 'tchouk' }),
  load('Route with empty rule value is ignored', 'with_no_rule_value.yml', NOTHING),
  ...BUILT_AS_WRITTEN.map(([name, fixture]) => load(name, fixture, ONE)),
  {
    ...load(
      'Ingress Route, externalName service without port',
      'with_externalname_without_ports.yml',
      ROUTER_ONLY,
    ),
    refusedByApiServer: {
      document: 'default/test.route',
      path: '/spec/routes/0/services/0/port',
      why: 'services[].port is required by the IngressRouteTCP CRD; Traefik then fails with "ingressRoute service port not defined"',
    },
  },
  load('Simple TCP Ingress Route, with ingressClassName', 'with_ingressclassname.yml', ONE, {
    ingressClass: 'traefik-lb',
  }),
  load(
    'Simple TCP Ingress Route, with ingressClassName and deprecated annotation',
    'with_ingressclassname_and_deprecated_annotation.yml',
    ONE,
    { ingressClass: 'traefik-lb' },
  ),
  load(
    'Simple TCP Ingress Route, with deprecated annotation only',
    'with_deprecated_annotation_only.yml',
    ONE,
    {
      ingressClass: 'traefik-lb',
    },
  ),
  {
    ...load('Ingress Route with IPv6 backends', 'with_ipv6.yml', {
      routers: ['default-test.route-673acf455cb2dab0b43a'],
      services: [
        'default-test.route-673acf455cb2dab0b43a',
        'default-test.route-673acf455cb2dab0b43a-whoamitcp-ipv6-8080',
        'default-test.route-673acf455cb2dab0b43a-external.service.with.ipv6-8080',
      ],
      transports: [],
    }),
    files: [
      'services.yml',
      'with_ipv6.yml',
      'tcp/services.yml',
      'tcp/with_ipv6.yml',
      'udp/services.yml',
      'udp/with_ipv6.yml',
    ],
  },
  load('TCP with proxyProtocol Version', 'with_proxyprotocol.yml', ONE),
  {
    // Traefik builds both transports and both services; a reference it cannot resolve fails later, at runtime.
    ...load('TCP with ServersTransport', 'with_servers_transport.yml', {
      routers: [FOO],
      services: [FOO, `${FOO}-whoamitcp-8000`, `${FOO}-whoamitcp2-8080`],
      transports: ['foo-test', 'default-test'],
    }),
    refusedByApiServer: {
      document: 'foo/test',
      path: '/spec/tls/rootCAs/2',
      why: "the CRD's CEL rule refuses a rootCAs entry with both secret and configMap",
    },
  },
  load('Ingress Route, empty service disallowed', 'with_empty_services.yml', ROUTER_ONLY, {
    allowEmptyServices: false,
  }),
  load('Ingress Route, empty service allowed', 'with_empty_services.yml', ONE, { allowEmptyServices: true }),
  load('Ingress Route, nil endpointslice port name', 'with_nil_endpointslice_port_name.yml', ONE, {
    allowEmptyServices: true,
  }),
  load('Ingress Route, nil endpointslice port value', 'with_nil_endpointslice_port_value.yml', ONE, {
    allowEmptyServices: true,
  }),
];

function cross(
  name: string,
  fixture: string,
  allowCrossNamespace: boolean,
  builds: ProviderCase['builds'],
): ProviderCase {
  return { test: 'TestCrossNamespace', name, fixture, options: { allowCrossNamespace }, builds };
}

const crossNamespaceCases: ProviderCase[] = [
  // The second route's middleware is in another namespace: that route is skipped.
  cross('TCP middleware cross namespace disallowed', 'with_middleware_with_cross_namespace.yml', false, ONE),
  cross('TCP middleware cross namespace allowed', 'with_middleware_with_cross_namespace.yml', true, {
    routers: [FOO, BAR],
    services: [FOO, BAR],
    transports: [],
  }),
  cross('TCP cross namespace allowed', 'with_cross_namespace.yml', true, ONE),
  cross('TCP cross namespace disallowed', 'with_cross_namespace.yml', false, ROUTER_ONLY),
  cross('TCP ServersTransport cross namespace allowed', 'with_servers_transport_cross_namespace.yml', true, {
    ...ONE,
    transports: ['cross-ns-st-cross-ns'],
  }),
  cross(
    'TCP ServersTransport cross namespace disallowed',
    'with_servers_transport_cross_namespace.yml',
    false,
    {
      ...ROUTER_ONLY,
      transports: ['cross-ns-st-cross-ns'],
    },
  ),
  cross('TCP TLSOption cross namespace allowed', 'with_tls_options_cross_namespace.yml', true, ONE),
  // The TLS option is refused after the services are built: they stay, the router goes.
  cross('TCP TLSOption cross namespace disallowed', 'with_tls_options_cross_namespace.yml', false, {
    routers: [],
    services: [FOO],
    transports: [],
  }),
];

const ALLOW_LISTS: { label: string; list: string[] | undefined; allowed: boolean }[] = [
  { label: 'nil', list: undefined, allowed: true },
  { label: 'empty list', list: [], allowed: false },
  { label: 'namespace allowed', list: ['default'], allowed: true },
  { label: 'namespace not allowed', list: ['other'], allowed: false },
];

function crossProvider(
  test: string,
  fixture: string,
  describe: (allowed: boolean) => string,
  builds: (allowed: boolean) => ProviderCase['builds'],
): ProviderCase[] {
  return ALLOW_LISTS.map(({ label, list, allowed }) => ({
    test,
    name: `${label}: ${describe(allowed)}`,
    fixture,
    options: { allowCrossNamespace: true, ...(list ? { crossProviderNamespaces: list } : {}) },
    builds: builds(allowed),
  }));
}

const crossProviderCases: ProviderCase[] = [
  ...crossProvider(
    'TestCrossProviderNamespaces_TCPTLSOption',
    'with_tls_options_cross_provider.yml',
    (allowed) => (allowed ? 'the foo@file TLS option is used' : 'the router is dropped'),
    (allowed) => (allowed ? ONE : { routers: [], services: [FOO], transports: [] }),
  ),
  ...crossProvider(
    'TestCrossProviderNamespaces_TCPServersTransport',
    'with_servers_transport_cross_provider.yml',
    (allowed) => (allowed ? 'the foo@file transport is used' : 'the service is dropped'),
    (allowed) => (allowed ? ONE : ROUTER_ONLY),
  ),
];

const serviceKindCases: ProviderCase[] = [
  {
    test: 'TestExternalNameService',
    name: 'TCP ExternalName services allowed',
    fixture: 'with_externalname_with_port.yml',
    options: { allowExternalNameServices: true },
    builds: ONE,
  },
  {
    test: 'TestExternalNameService',
    name: 'TCP ExternalName services disallowed',
    fixture: 'with_externalname_with_port.yml',
    options: {},
    builds: ROUTER_ONLY,
  },
  {
    test: 'TestNativeLB',
    name: 'TCP with native Service LB',
    fixture: 'with_native_service_lb.yml',
    options: {},
    builds: ONE,
  },
  {
    test: 'TestNodePortLB',
    name: 'TCP with native Service LB',
    fixture: 'with_node_port_service_lb.yml',
    options: {},
    builds: ONE,
  },
  {
    test: 'TestNodePortLB',
    name: 'TCP with native Service LB, cluster scope resources disabled',
    fixture: 'with_node_port_service_lb.yml',
    options: { disableClusterScopeResources: true },
    builds: ROUTER_ONLY,
  },
  {
    test: 'TestGlobalNativeLB',
    name: 'TCP with global native Service LB',
    fixture: 'with_global_native_service_lb.yml',
    options: { nativeLBByDefault: true },
    builds: {
      routers: ['default-global-native-lb-fdd3e9338e47a45efefc'],
      services: ['default-global-native-lb-fdd3e9338e47a45efefc'],
      transports: [],
    },
  },
  {
    test: 'TestGlobalNativeLB',
    name: 'TCP with global native Service LB but service reference has nativeLB disabled',
    fixture: 'with_native_service_lb_disabled.yml',
    options: { nativeLBByDefault: true },
    builds: {
      routers: ['default-tcp.route.native-disabled-fdd3e9338e47a45efefc'],
      services: ['default-tcp.route.native-disabled-fdd3e9338e47a45efefc'],
      transports: [],
    },
  },
  {
    test: 'TestGlobalNativeLB',
    name: 'TCP with native Service LB in ingressroute',
    fixture: 'with_native_service_lb.yml',
    options: {},
    builds: ONE,
  },
];

export const PROVIDER_CASES: readonly ProviderCase[] = [
  ...loadCases,
  ...crossNamespaceCases,
  ...crossProviderCases,
  ...serviceKindCases,
];
