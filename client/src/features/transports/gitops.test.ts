import { describe, expect, it } from 'vitest';
import { gitOpsOwner } from './gitops';

describe('GitOps owners', () => {
  it('recognises Argo CD and Flux by annotation, label and field manager', () => {
    expect(
      gitOpsOwner({ annotations: { 'argocd.argoproj.io/tracking-id': 'edge:traefik.io/x' } })?.tool,
    ).toBe('Argo CD');
    expect(gitOpsOwner({ labels: { 'kustomize.toolkit.fluxcd.io/name': 'infra' } })?.tool).toBe('Flux');
    expect(
      gitOpsOwner({ managedFields: [{ manager: 'kubectl' }, { manager: 'argocd-controller' }] }),
    ).toEqual({
      tool: 'Argo CD',
      evidence: 'field manager argocd-controller',
    });
    expect(gitOpsOwner({ managedFields: [{ manager: 'helm-controller' }] })?.tool).toBe('Flux');
  });

  it('leaves objects applied by hand alone', () => {
    expect(
      gitOpsOwner({ labels: { app: 'x' }, managedFields: [{ manager: 'kubectl-client-side-apply' }] }),
    ).toBe(undefined);
  });
});
