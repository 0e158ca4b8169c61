import type { KubeObject } from '../types.js';
import type { FieldValidation } from '../validation/customResource.js';

export interface WriteOptions {
  dryRun: boolean;
  /** Explicit `fieldManager`, else the User-Agent's product name. */
  fieldManager: string;
  fieldManagerGiven: boolean;
  fieldValidation: FieldValidation;
}

export interface WriteResult {
  status: number;
  body: unknown;
  warnings: string[];
}

export interface ListOptions {
  labelSelector?: string | null;
  fieldSelector?: string | null;
  limit?: number;
  continueToken?: string | null;
}

export interface ListResult {
  items: KubeObject[];
  resourceVersion: string;
  continueToken?: string;
  remainingItemCount?: number;
}

export const PATCH_TYPES = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;

export type PatchType = (typeof PATCH_TYPES)[keyof typeof PATCH_TYPES];

export interface DeleteOptions {
  preconditions?: { uid?: string; resourceVersion?: string };
}
