import type { ObjectMeta } from '@dialtone/shared';

export interface GitOpsOwner {
  tool: 'Argo CD' | 'Flux';
  /** What gave it away, as the user can find it with kubectl. */
  evidence: string;
}

const ANNOTATIONS: [string, GitOpsOwner['tool']][] = [
  ['argocd.argoproj.io/tracking-id', 'Argo CD'],
  ['argocd.argoproj.io/instance', 'Argo CD'],
];

const LABELS: [string, GitOpsOwner['tool']][] = [
  ['argocd.argoproj.io/instance', 'Argo CD'],
  ['kustomize.toolkit.fluxcd.io/name', 'Flux'],
  ['helm.toolkit.fluxcd.io/name', 'Flux'],
];

// Field managers of the controllers that sync from a repository; Helm run by hand is not one.
const MANAGERS: [RegExp, GitOpsOwner['tool']][] = [
  [/^argocd-(application-)?controller$/, 'Argo CD'],
  [/^(kustomize|helm)-controller$/, 'Flux'],
];

/** Argo CD or Flux, when the object says one of them syncs it from a repository. */
export function gitOpsOwner(metadata: ObjectMeta | undefined): GitOpsOwner | undefined {
  const annotations = metadata?.annotations ?? {};
  const labels = metadata?.labels ?? {};
  for (const [key, tool] of ANNOTATIONS)
    if (annotations[key]) return { tool, evidence: `annotation ${key}: ${annotations[key]}` };
  for (const [key, tool] of LABELS)
    if (labels[key]) return { tool, evidence: `label ${key}: ${labels[key]}` };
  for (const entry of metadata?.managedFields ?? []) {
    const manager = (entry as { manager?: unknown }).manager;
    if (typeof manager !== 'string') continue;
    const found = MANAGERS.find(([pattern]) => pattern.test(manager));
    if (found) return { tool: found[1], evidence: `field manager ${manager}` };
  }
  return undefined;
}
