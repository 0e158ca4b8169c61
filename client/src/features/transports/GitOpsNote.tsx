import type { ReactNode } from 'react';
import { SafeText } from '../shell';
import type { GitOpsOwner } from './gitops';

/** Says who syncs this object from a repository, and that an edit made here will be reverted. */
export function GitOpsNote({ owner, children }: { owner: GitOpsOwner; children?: ReactNode }) {
  return (
    <div className="banner banner-warning" data-testid="gitops-note">
      <p>
        <strong>Managed by {owner.tool}</strong> (<SafeText text={owner.evidence} />
        ). {owner.tool} puts back what its repository says at the next sync, so a change saved here is
        reverted: change the repository instead.
      </p>
      {children}
    </div>
  );
}
