import { MANAGED_TAG_KEY, MANAGED_TAG_VALUE } from '../managed.js'
import type { SnapshotInfo } from '../types.js'

/**
 * Pure helpers for the RDS snapshot provider: source/target parsing, tags and response mapping
 * (AWS error reading is packages/clouds/aws/errors.ts). Nothing here talks to AWS; rds-snapshot.ts does.
 */

export type RdsResourceKind = 'instance' | 'cluster'

export interface RdsResourceRef {
  kind: RdsResourceKind
  id: string
  /** Whether the value said `instance:` or `cluster:` itself (a bare name defaults to instance). */
  explicit?: boolean
}

export interface RdsTag {
  Key?: string
  Value?: string
}

/** The fields of DBSnapshot / DBClusterSnapshot (RDS API reference) this suite reads. */
export interface RdsSnapshotShape {
  DBSnapshotIdentifier?: string
  DBClusterSnapshotIdentifier?: string
  DBInstanceIdentifier?: string
  DBClusterIdentifier?: string
  SnapshotCreateTime?: Date | string
  Status?: string
  SnapshotType?: string
  PercentProgress?: number
  FullSnapshotSizeInBytes?: number
  Engine?: string
  TagList?: RdsTag[]
}

// DB instance and cluster identifiers: 1–63 letters, digits or hyphens, starting with a letter,
// no two consecutive hyphens, not ending with a hyphen. Snapshot identifiers: the same, up to 255.
const IDENTIFIER = /^[A-Za-z](?:[A-Za-z0-9]|-(?!-))*$/

function checkIdentifier(value: string, maxLength: number, what: string): void {
  if (value.length === 0 || value.length > maxLength || !IDENTIFIER.test(value) || value.endsWith('-')) {
    throw new Error(`${what} "${value}" is not a valid RDS identifier: expected 1-${maxLength} letters, digits or hyphens, starting with a letter, without "--" or a trailing hyphen`)
  }
}

/**
 * Reads a source or restore target: `mydb` or `instance:mydb` names a DB instance,
 * `cluster:my-cluster` an Aurora DB cluster. The prefix is how this provider tells CreateDBSnapshot
 * from CreateDBClusterSnapshot (and the two restore calls) apart without another input.
 */
export function parseRdsResource(value: string, what = 'source'): RdsResourceRef {
  const trimmed = value.trim()
  const match = /^(instance|cluster):(.*)$/i.exec(trimmed)
  const kind: RdsResourceKind = match ? (match[1].toLowerCase() as RdsResourceKind) : 'instance'
  const id = match ? match[2] : trimmed
  checkIdentifier(id, 63, `${what}`)
  return match ? { kind, id, explicit: true } : { kind, id }
}

/** A snapshot id may carry the `cluster:` prefix too (as listManaged returns it for clusters). */
export function parseRdsSnapshotId(value: string): { kind?: RdsResourceKind; id: string } {
  const match = /^(instance|cluster):(.*)$/i.exec(value.trim())
  const id = match ? match[2] : value.trim()
  checkIdentifier(id, 255, 'snapshot id')
  return { kind: match ? (match[1].toLowerCase() as RdsResourceKind) : undefined, id }
}

/** Our marker first, then the caller's tags; the caller cannot overwrite the marker. */
export function buildRdsTags(tags: Record<string, string>): Array<{ Key: string; Value: string }> {
  const list = Object.entries(tags)
    .filter(([key]) => key !== MANAGED_TAG_KEY)
    .map(([Key, Value]) => ({ Key, Value }))
  return [{ Key: MANAGED_TAG_KEY, Value: MANAGED_TAG_VALUE }, ...list]
}

export function tagsToRecord(tags: RdsTag[] | undefined): Record<string, string> {
  const record: Record<string, string> = {}
  for (const tag of tags ?? []) if (tag.Key !== undefined) record[tag.Key] = tag.Value ?? ''
  return record
}

export function carriesManagedTag(tags: RdsTag[] | undefined): boolean {
  return (tags ?? []).some((tag) => tag.Key === MANAGED_TAG_KEY && tag.Value === MANAGED_TAG_VALUE)
}

/** Manual and tagged by this suite: the only snapshots retention may delete. */
export function isManagedSnapshot(snapshot: RdsSnapshotShape): boolean {
  return snapshot.SnapshotType === 'manual' && carriesManagedTag(snapshot.TagList)
}

export type SnapshotPhase = 'pending' | 'available' | 'failed'

/**
 * Snapshot statuses from the RDS reference: creating, available, copying, failed, deleting,
 * incompatible-* … — `available` is done, `failed`, `deleted`, `deleting` and `incompatible-*`
 * are final failures; anything else is still in progress.
 */
export function snapshotPhase(status: string | undefined): SnapshotPhase {
  const value = (status ?? '').toLowerCase()
  if (value === 'available') return 'available'
  if (value === 'failed' || value === 'deleted' || value === 'deleting' || value.startsWith('incompatible')) return 'failed'
  return 'pending'
}

/**
 * DB instance / cluster statuses while a restore runs: creating, backing-up, modifying,
 * configuring-enhanced-monitoring … until `available`; failed, incompatible-restore,
 * incompatible-parameters, inaccessible-encryption-credentials … are final failures.
 */
export function databasePhase(status: string | undefined): SnapshotPhase {
  const value = (status ?? '').toLowerCase()
  if (value === 'available') return 'available'
  if (value === 'failed' || value === 'deleting' || value.startsWith('incompatible') || value.startsWith('inaccessible')) return 'failed'
  return 'pending'
}

function isoTime(value: Date | string | undefined): string {
  if (value === undefined) return ''
  const date = value instanceof Date ? value : new Date(value)
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString()
}

/** DBSnapshot or DBClusterSnapshot → SnapshotInfo. Cluster snapshot ids come back `cluster:`-prefixed. */
export function toSnapshotInfo(snapshot: RdsSnapshotShape): SnapshotInfo {
  const clusterId = snapshot.DBClusterSnapshotIdentifier
  return {
    id: clusterId !== undefined ? `cluster:${clusterId}` : (snapshot.DBSnapshotIdentifier ?? ''),
    createdAt: isoTime(snapshot.SnapshotCreateTime),
    status: snapshot.Status ?? 'unknown',
    ...(snapshot.FullSnapshotSizeInBytes !== undefined ? { sizeBytes: snapshot.FullSnapshotSizeInBytes } : {}),
    tags: tagsToRecord(snapshot.TagList)
  }
}

export function endpointAddress(endpoint: { Address?: string; Port?: number } | undefined): string | undefined {
  if (!endpoint?.Address) return undefined
  return endpoint.Port ? `${endpoint.Address}:${endpoint.Port}` : endpoint.Address
}

export function clusterEndpointAddress(cluster: { Endpoint?: string; Port?: number } | undefined): string | undefined {
  if (!cluster?.Endpoint) return undefined
  return cluster.Port ? `${cluster.Endpoint}:${cluster.Port}` : cluster.Endpoint
}
