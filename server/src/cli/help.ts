/**
 * Traefik's kubernetescrd options, which \`dialtone serve\` and \`dialtone lint\` mirror alike: off or
 * unset unless given, as in Traefik.
 */
const PROVIDER_OPTIONS_HELP = `  --allow-cross-namespace
                         Traefik's provider option of that name is on: services in another
                         namespace and ns-name@kubernetescrd references are allowed
  --allow-external-name-services
                         Traefik's allowExternalNameServices is on: routes may use ExternalName
                         Services (in lint, those defined in the input are recognised)
  --cross-provider-namespaces NS,NS
                         Traefik's crossProviderNamespaces: only routes of these namespaces may
                         reference name@provider objects; "" allows none (default: unrestricted)
  --allow-empty-services Traefik's allowEmptyServices: services without ready endpoints are kept
  --native-lb-by-default Traefik's nativeLBByDefault: services dial the cluster IP unless nativeLB: false
  --ingress-class NAME   Traefik's ingressClass: routes of other classes are ignored
  --disable-cluster-scope-resources
                         Traefik's disableClusterScopeResources: nodePortLB services cannot be built
  --provider-options FILE
                         Traefik's kubernetescrd options from YAML or JSON, with Traefik's names, at
                         the top or under providers.kubernetesCRD (Traefik's file, Helm values);
                         the flags above win over it
`;

export const MAIN_HELP = `dialtone: a dashboard for Traefik ServersTransportTCP resources

Usage:
  dialtone [serve] [options]        start the dashboard (the default command)
  dialtone cluster [options]        run only the embedded Kubernetes-compatible API server
  dialtone lint [options] PATH...   validate manifests as the API server and Traefik would
  dialtone probe [options]          test connections to backends the way Traefik would dial them
  dialtone demo-manifests [options] print the demo objects as YAML for kubectl apply
  dialtone demo-backends [options]  run the demo backends for a cluster given demo-manifests
  dialtone help [COMMAND]           show help for a command

Serve options:
  --host ADDR            address to bind (default 127.0.0.1)
  --port N               port to listen on (default 7300)
  --kubeconfig FILE      kubeconfig to read (default $KUBECONFIG, then ~/.kube/config)
  --context NAME         context shown first
  --in-cluster           use the pod's service account
  --demo                 start the embedded demo cluster and use it
  --data-dir DIR         where the embedded demo cluster keeps its objects (default: memory)
${PROVIDER_OPTIONS_HELP}  --auth MODE            local | token | proxy (default local)
  --allow-remote         with --auth local, bind a non-loopback --host anyway (prints a warning)
  --trusted-proxy CIDR   with --auth proxy, the proxy's address range (repeatable, required)
  --user-header NAME     with --auth proxy, the user header (default X-Forwarded-User)
  --groups-header NAME   with --auth proxy, the groups header (default X-Forwarded-Groups)
  --secure-cookies       mark the session cookie Secure (the dashboard is reached over https)
  --probe-allow CIDR     let Test connection dial this range (repeatable)
  --traefik-spiffe       Traefik has its spiffe option (workload API) set; without it TLS through tls.spiffe fails as in Traefik
  --allowed-host NAME    answer to this Host name too, e.g. behind a proxy (repeatable); other names get 421
  --metrics-port N       serve GET /metrics on this port (the only way with --auth token or proxy)
  --traefik-api [CONTEXT=]URL | [CONTEXT=]service:NAMESPACE/NAME:PORT
                         show this Traefik's view (its API: routers, services, errors) beside
                         Dialtone's, directly or through the API server's service proxy as the
                         user (needs get on services/proxy); repeatable, one per instance

Cluster options:
  --port N               port of the API server (default 7301)
  --data-dir DIR         keep objects across restarts in DIR
  --ephemeral            keep everything in memory
  --seed demo|none       objects to create on first start (default none)

Environment:
  DIALTONE_SESSION_KEY   32+ bytes (base64 or hex) that seal sessions and sign CSRF tokens; give every
                         replica the same value. Without it a random key is used per process.
  DIALTONE_LOG_LEVEL     debug | info | warn | error (default info, warn with --auth local)
  KUBECONFIG             kubeconfig files to read, as kubectl does

Lint options:
  --format F             text (default), json, github (workflow annotations) or sarif (code scanning)
  --namespace NS         namespace of documents that set none (default "default")
  PATH...                files or directories of YAML manifests; - reads stdin

Probe options:
  --cluster NAME         kubeconfig context to use (default: the current context)
  --kubeconfig FILE      kubeconfig to read (default $KUBECONFIG, then ~/.kube/config)
  --transport NS/NAME    the ServersTransportTCP whose settings are used
  --target T             HOST:PORT or svc/NAMESPACE/NAME:PORT (repeatable; default: the backends
                         of the routes that use the transport)
  --tls                  talk TLS to the --target targets, as services[].tls: true does
  --format text|json     output format (default text)
  --traefik-spiffe       Traefik has its spiffe option set (see "dialtone help probe")

Demo options (see "dialtone help demo-manifests" and "dialtone help demo-backends"):
  --backend-host HOST    demo-manifests: backends on HOST, behind ExternalName Services
  --certs-out DIR        demo-manifests: also write the backends' certificates and keys to DIR
  --certs DIR            demo-backends: present the certificates demo-manifests wrote to DIR
  --host ADDR            demo-backends: address to bind (default 127.0.0.1)

Exit status of lint: 0 when no document has an error, 1 when any has, 2 on usage errors.
Exit status of probe: 0 when every target passes, 1 when any fails, is blocked or is inconclusive, 2 on usage errors.
`;

export const LINT_HELP = `Usage: dialtone lint [--format text|json|github|sarif] [--traefik 3.7|master] [--crd FILE] FILE|DIR|- ...

Validates every ServersTransportTCP and IngressRouteTCP document as the Kubernetes API server
(schema, strict field validation, object rules) and Traefik (runtime behaviour) would, and checks
that every IngressRouteTCP serversTransport reference resolves to a transport in the same input.
Services, EndpointSlices and Nodes in the input are used as Traefik's kubernetescrd provider uses
them (ExternalName, ports, ready endpoints, nativeLB, nodePortLB). Other kinds are listed as
skipped; a ServersTransport (HTTP) is only checked for ServersTransportTCP fields. Directories are
read recursively for *.yaml and *.yml files.

Options:
  --format F             text (default); json; github, workflow commands that GitHub Actions shows
                         as annotations on the lines; sarif, SARIF 2.1.0 for code scanning uploads
  --namespace NS         namespace of documents that set none (default "default")
  --traefik 3.7|master   check against the bundled CRDs of Traefik v3.7.9 (default) or master
  --crd FILE             check against this CRD file instead, e.g. the output of
                         kubectl get crd serverstransporttcps.traefik.io -o yaml (repeatable)
${PROVIDER_OPTIONS_HELP}  --traefik-api URL      also read this running Traefik's API (repeatable), e.g. http://127.0.0.1:9000
                         through kubectl port-forward, and add its view of the input's objects: the
                         status and errors of their routers and services, by Traefik's names, and
                         "Traefik reports X; lint predicted Y" where the two differ. Traefik shows
                         the live objects, which may be older than the input
  --traefik-timeout S    seconds to wait for each answer of Traefik's API (default 5)

Text output: file:line:col severity code message
Exit status: 0 no errors, 1 at least one error (a router or service Traefik disabled is one),
2 usage error. A Traefik API that cannot be read is reported and leaves the status to lint.
`;

export const PROBE_HELP = `Usage: dialtone probe --transport NS/NAME [--target HOST:PORT|svc/NS/NAME:PORT [--tls]]
                      [--cluster CONTEXT] [--kubeconfig FILE] [--format text|json] [--traefik-spiffe]

Dials each target with exactly the settings Traefik would use for the transport: its build-time
checks, dial timeout and keep-alive, PROXY protocol header, and (with --tls) its TLS rules: SNI
only from tls.serverName, verification against the CAs it loads from Secrets and ConfigMaps,
client certificates, peerCertURI and SPIFFE checks. The ClientHello offers what Go's does (TLS 1.2
and 1.3, ECDHE suites, X25519 and the NIST curves). Every stage is reported with its duration,
with the certificate chain, an equivalent openssl s_client command and the next step to take.
Targets are dialled from where this command runs, whose DNS and network may differ from Traefik's.

Without --traefik-spiffe (Traefik has its spiffe option), a TLS target of a tls.spiffe transport
fails as in Traefik v3.7.9: Traefik accepts the transport and reports no error, but every TLS
connection through it fails. With it, the backend's SVID is checked against the IDs or trust domain
and the answer is INCONCLUSIVE: Traefik's own SVID and trust bundle come from its workload API,
which the probe does not have.

Secrets, ConfigMaps, Services and EndpointSlices are read with the kubeconfig's own identity.
A Service target is resolved as Traefik does: its ready EndpointSlice addresses on the endpoint
port named like the Service port, or the ExternalName.

Options:
  --cluster NAME         kubeconfig context (default: the current context)
  --kubeconfig FILE      kubeconfig to read (default $KUBECONFIG, then ~/.kube/config)
  --transport NS/NAME    the ServersTransportTCP to test (required)
  --target T             HOST:PORT, [IPv6]:PORT or svc/NAMESPACE/NAME:PORT (repeatable); without it,
                         every backend of the IngressRouteTCPs that use the transport, each with its
                         route's services[].tls, as the dashboard's Test connection does
  --tls                  talk TLS to the --target targets, as the route's services[].tls: true does
  --format text|json     output format (default text)
  --traefik-spiffe       Traefik has its install-time spiffe option (workload API) configured

Exit status: 0 every target passes, 1 any fails, is blocked or is inconclusive, 2 usage error.
`;

export const DEMO_MANIFESTS_HELP = `Usage: dialtone demo-manifests [--backend-host HOST] [--certs-out DIR]

Prints the demo (namespaces demo, payments and edge; Secrets and ConfigMaps with a CA and
certificates issued now; transports; Services; routes) as one YAML stream for kubectl apply.
These are the objects "dialtone --demo" seeds. No key is stored anywhere but in the output and DIR.

Options:
  --backend-host HOST    the DNS name of a host running "dialtone demo-backends": each Service
                         becomes type ExternalName pointing at HOST on its backend's fixed port
                         (9001-9008), without EndpointSlices. Without it the Services have
                         EndpointSlices for 127.0.0.1, as in the embedded demo.
  --certs-out DIR        also write the CA certificate and the backends' certificates and keys to
                         DIR (keys mode 0600), for "dialtone demo-backends --certs DIR"

Example: dialtone demo-manifests --backend-host demo-backends --certs-out ./demo-certs | kubectl apply -f -
`;

export const DEMO_BACKENDS_HELP = `Usage: dialtone demo-backends --certs DIR [--host ADDR]

Runs the demo backends on fixed ports, for the objects "dialtone demo-manifests --backend-host"
printed: echo 9001, tls 9002, mtls 9003 (requires a client certificate from the demo CA),
spiffe 9004, expired 9005, wrong-host 9006, closed 9007 (nothing listens), stall 9008.
Stops on SIGINT or SIGTERM.

Options:
  --certs DIR            the certificates "dialtone demo-manifests --certs-out DIR" wrote (required)
  --host ADDR            address to bind (default 127.0.0.1; 0.0.0.0 in a container)
`;
