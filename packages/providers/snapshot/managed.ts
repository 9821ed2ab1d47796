import type { SnapshotInfo } from './types.js'

/** The tag (RDS) every snapshot this suite creates carries; only those are ever deleted. */
export const MANAGED_TAG_KEY = 'managed-by'
export const MANAGED_TAG_VALUE = 'deploy-actions'

/** Newest first (createdAt is ISO 8601 UTC, so it sorts as text): the order listManaged returns. */
export function sortNewestFirst(snapshots: SnapshotInfo[]): SnapshotInfo[] {
  return [...snapshots].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
}
