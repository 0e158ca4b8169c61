import { Router, type Request, type Response } from 'express';
import type { ProbeResponse, ProbeVerdict } from '@dialtone/shared';
import { toHttpError } from '../clusters/index.js';
import { HttpError } from '../http/index.js';
import { identityKey, type Identity } from '../identity/index.js';
import type { Logger } from '../observability/index.js';
import type { EngineOptions } from './engine.js';
import { DEFAULT_PROBE_LIMITS, ProbeLimiter } from './limits.js';
import { probe, type ProbeAccess } from './probe.js';
import { parseProbeRequest } from './requestBody.js';
import { ProbeRequestError } from './targets.js';
import type { TargetPolicy } from './targetPolicy.js';

export interface ProbeRouteOptions<C> {
  /** The cluster named in the URL; throws an HttpError 404 when there is none. */
  cluster: (req: Request) => C;
  identity: (res: Response) => Identity;
  /** Readers for one cluster acting as one identity (DESIGN.md rule 3). */
  accessFor: (cluster: C, identity: Identity) => ProbeAccess;
  policy: TargetPolicy;
  limiter?: ProbeLimiter;
  logger: Logger;
  /** Deadlines; tests shorten them. */
  engine?: Omit<EngineOptions, 'policy' | 'limiter'>;
}

function who(identity: Identity): string {
  return identity.kind === 'impersonate'
    ? `user:${identity.user}`
    : identity.kind === 'token' && identity.user
      ? `user:${identity.user}`
      : identityKey(identity);
}

function summary(response: ProbeResponse): Record<string, number> {
  const counts: Record<ProbeVerdict, number> = { pass: 0, fail: 0, blocked: 0, inconclusive: 0 };
  for (const r of response.results) counts[r.verdict] += 1;
  return counts;
}

/** `POST /clusters/:cluster/probe`: Test connection, under the target policy and the per-user limits. */
export function probeRoutes<C>(options: ProbeRouteOptions<C>): Router {
  const router = Router();
  const limiter = options.limiter ?? new ProbeLimiter(DEFAULT_PROBE_LIMITS);
  router.post('/clusters/:cluster/probe', async (req, res, next) => {
    let release: (() => void) | undefined;
    let identity: Identity | undefined;
    try {
      const cluster = options.cluster(req);
      identity = options.identity(res);
      const request = parseProbeRequest(req.body);
      const count = request.targets === 'usage' ? 1 : request.targets.length;
      const admission = limiter.admit(identityKey(identity), count);
      if (!admission.admitted) {
        options.logger.info(
          { event: 'probe', who: who(identity), cluster: req.params['cluster'], refused: 'rate_limited' },
          'probe refused',
        );
        res.set('Retry-After', String(admission.retryAfterSeconds));
        throw new HttpError(429, 'rate_limited', admission.message);
      }
      release = admission.release;
      const started = performance.now();
      const response = await probe(request, options.accessFor(cluster, identity), {
        ...options.engine,
        policy: options.policy,
        limiter,
        maxTargets: limiter.options.maxTargets,
        onPlanned: (planned) => limiter.charge(identityKey(identity!), planned - count),
      });
      options.logger.info(
        {
          event: 'probe',
          who: who(identity),
          cluster: req.params['cluster'],
          transport:
            'name' in request.transport
              ? `${request.transport.namespace}/${request.transport.name}`
              : `${request.transport.namespace}/(draft)`,
          targets: response.results
            .map((r) => ({ address: r.address, verdict: r.verdict, outcome: r.outcome }))
            .slice(0, 50),
          verdicts: summary(response),
          durationMs: Math.round(performance.now() - started),
        },
        'probe',
      );
      res.json(response);
    } catch (error) {
      if (error instanceof ProbeRequestError) {
        options.logger.info(
          {
            event: 'probe',
            ...(identity ? { who: who(identity) } : {}),
            cluster: req.params['cluster'],
            refused: error.code,
            status: error.status,
          },
          'probe refused',
        );
        next(new HttpError(error.status, error.code, error.message, error.details));
      } else {
        next(error instanceof HttpError ? error : toHttpError(error, 'probe the targets'));
      }
    } finally {
      release?.();
    }
  });
  return router;
}
