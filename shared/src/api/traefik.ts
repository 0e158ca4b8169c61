/** Traefik's own statuses for a router or service in its API. */
export type TraefikStatus = 'enabled' | 'warning' | 'disabled';

/** What one Traefik instance did with a transport: loaded it, hit errors, or never used it. */
export type TraefikVerdict = 'loaded' | 'in-error' | 'not-used';

/** A Traefik instance Dialtone reads, as configured with `--traefik-api`. */
export interface TraefikInstance {
  /** Stable key within the cluster, used in URLs and as the list column's key. */
  id: string;
  /** `direct` reads the URL; `service-proxy` goes through the API server as the user. */
  via: 'direct' | 'service-proxy';
  /** The URL, or `service:NAMESPACE/NAME:PORT`. */
  target: string;
}

/** How a read of one Traefik instance went. */
export interface TraefikReading {
  instance: TraefikInstance;
  state: 'ok' | 'error';
  /** Why the read failed, in words for the user, with what to do. */
  error?: string;
  /** `Version` of `/api/version`, e.g. `3.7.9`. */
  version?: string;
  /** TCP counts of `/api/overview`. */
  overview?: { routers: TraefikSection; services: TraefikSection };
  /** When the answer was read (ISO time). */
  readAt: string;
  /** Some routers or services were left out because Traefik listed more than Dialtone reads. */
  truncated?: boolean;
}

export interface TraefikSection {
  total: number;
  warnings: number;
  errors: number;
}

/** A route that a Traefik router or service was made from, where its name maps back to one. */
export interface TraefikOrigin {
  namespace: string;
  name: string;
  /** Index into `spec.routes`. */
  routeIndex?: number;
}

export interface TraefikRouterState {
  /** Traefik's name, e.g. `demo-tls-route-6c1d9e5fa3b7c0e4d2a1@kubernetescrd`. */
  name: string;
  status: TraefikStatus;
  errors: string[];
  entryPoints: string[];
  rule?: string;
  service?: string;
  origin?: TraefikOrigin;
}

export interface TraefikServiceState {
  name: string;
  status: TraefikStatus;
  errors: string[];
  /** The transport's Traefik name, qualified with its provider. */
  serversTransport?: string;
  /** Server address to `UP`/`DOWN`. */
  serverStatus?: Record<string, string>;
  origin?: TraefikOrigin;
}

/** One transport as one instance sees it. */
export interface TransportTraefikSummary {
  verdict: TraefikVerdict;
  /** Routers using the transport, and how many of them carry errors or are not enabled. */
  routers: number;
  routersInError: number;
}

/** `GET /api/v1/clusters/{c}/traefik`: every configured instance and the transports' verdicts. */
export interface TraefikOverviewResponse {
  instances: (TraefikReading & {
    /** Keyed by the transport's Traefik ID (`ns-name@kubernetescrd`); transports absent are not used. */
    transports: Record<string, TransportTraefikSummary>;
  })[];
  /**
   * Services labelled `app.kubernetes.io/name=traefik` with a port named `traefik`, as
   * `--traefik-api` values: suggestions only, never read until configured.
   */
  suggestions: string[];
  /** Why suggestions could not be listed (e.g. the user may not list Services). */
  suggestionsError?: string;
}

/** Where Traefik and Dialtone's prediction disagree, and what could explain it. */
export interface TraefikDisagreement {
  traefik: string;
  dialtone: string;
  /** Settings of Traefik, or of Dialtone, that could make the two differ. */
  explanations: string[];
}

/** One instance's view of one transport, beside Dialtone's prediction. */
export interface TransportTraefikView extends TraefikReading {
  verdict?: TraefikVerdict;
  routers: TraefikRouterState[];
  services: TraefikServiceState[];
  /** Routers Dialtone expects from the routes using the transport that Traefik does not have. */
  missingRouters: { name: string; origin: TraefikOrigin }[];
  /**
   * Dialtone's prediction, as a verdict and its reasons (the transport's and its routes' Traefik
   * errors); notes are what Traefik loads but drops, such as a CA Secret that does not exist.
   */
  prediction: { verdict: TraefikVerdict; reasons: string[]; notes?: string[] };
  /** Empty when Traefik agrees with the prediction. */
  disagreements: TraefikDisagreement[];
}

/** `GET /api/v1/clusters/{c}/namespaces/{ns}/transports/{name}/traefik`. */
export interface TransportTraefikResponse {
  traefikId: string;
  instances: TransportTraefikView[];
}

/** One ServersTransportTCP or IngressRouteTCP of `dialtone lint`'s input, as one Traefik instance has it. */
export interface LintTraefikObject {
  /** The document of the input it came from. */
  source: string;
  index: number;
  kind: 'ServersTransportTCP' | 'IngressRouteTCP';
  namespace: string;
  name: string;
  /** `not-used`: Traefik has no router or service made from it (not applied, or left out). */
  verdict: TraefikVerdict;
  routers: TraefikRouterState[];
  services: TraefikServiceState[];
  /** Lint's prediction: `in-error` with its Traefik errors, else `loaded`. */
  prediction: { verdict: TraefikVerdict; reasons: string[] };
  /** "Traefik reports X; lint predicted Y", when they differ. */
  disagreement?: string;
}

/** `dialtone lint --traefik-api URL --format json`: the report's `traefik`, one entry per URL. */
export interface LintTraefikInstance extends TraefikReading {
  objects: LintTraefikObject[];
}
