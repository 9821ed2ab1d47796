import { MANAGED_TAG_KEY, MANAGED_TAG_VALUE } from '../managed.js'
import type { SnapshotInfo } from '../types.js'

/**
 * Pure helpers for Azure Database for PostgreSQL Flexible Server on-demand backups (ARM REST,
 * api-version 2024-08-01, "Backups" operations): resource ids and URLs, the backup-name marker,
 * response mapping. ARM itself (URLs, errors, operation status) is packages/clouds/azure/arm.ts.
 *
 * Marker: Azure backups carry no tags, so the suite marks its backups by NAME. Every backup it
 * creates is called `da-<snapshot id>` (characters outside [A-Za-z0-9_.-] become "-", as the API
 * allows only ^[-\w._]+$). Only backups of type "Customer On-Demand" whose name starts with
 * `da-` are listed as managed or ever deleted; automatic ("Full") backups never are.
 */

export const FLEXIBLE_SERVER_API_VERSION = '2024-08-01'
export const MANAGED_BACKUP_PREFIX = 'da-'
export const ON_DEMAND_BACKUP_TYPE = 'Customer On-Demand'
const PROVIDER = 'Microsoft.DBforPostgreSQL/flexibleServers'

export interface ServerRef {
  subscriptionId: string
  resourceGroup: string
  server: string
}

export interface BackupRef extends ServerRef {
  backupName: string
}

export interface ServerDefaults {
  subscriptionId?: string
  resourceGroup?: string
}

/** ServerBackup (REST reference): `{ id, name, type, properties: { backupType, completedTime, source } }`. */
export interface ArmServerBackup {
  id?: string
  name?: string
  type?: string
  properties?: { backupType?: string; completedTime?: string; source?: string }
}

const SERVER_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.DBforPostgreSQL\/flexibleServers\/([^/]+)$/i
const BACKUP_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.DBforPostgreSQL\/flexibleServers\/([^/]+)\/backups\/([^/]+)$/i
// Server names: 3–63 lower-case letters, digits and hyphens, not starting or ending with a hyphen.
const SERVER_NAME = /^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$/
const BACKUP_NAME = /^[-\w._]+$/

function checkServerName(server: string, what: string): void {
  if (!SERVER_NAME.test(server)) {
    throw new Error(`${what} "${server}" is not a valid Flexible Server name: expected 3-63 lower-case letters, digits or hyphens, not starting or ending with a hyphen`)
  }
}

/** A server name (with subscription and resource group from config) or a full server resource id. */
export function parseServerRef(value: string, defaults: ServerDefaults, what = 'source'): ServerRef {
  const trimmed = value.trim().replace(/\/+$/, '')
  const match = SERVER_ID.exec(trimmed)
  if (match) return { subscriptionId: match[1], resourceGroup: match[2], server: match[3] }
  if (trimmed.includes('/')) {
    throw new Error(`${what} "${value}" is neither a Flexible Server name nor a resource id /subscriptions/<id>/resourceGroups/<rg>/providers/${PROVIDER}/<name>`)
  }
  checkServerName(trimmed, what)
  if (!defaults.subscriptionId || !defaults.resourceGroup) {
    throw new Error(`${what} "${value}" is a bare server name, so the subscription id and resource group must be configured too (or give the full server resource id)`)
  }
  return { subscriptionId: defaults.subscriptionId, resourceGroup: defaults.resourceGroup, server: trimmed }
}

/**
 * A backup resource id (what create/listManaged return), or a bare backup name together with the
 * server it belongs to.
 */
export function parseBackupRef(value: string, server: ServerRef | undefined): BackupRef {
  const trimmed = value.trim()
  const match = BACKUP_ID.exec(trimmed)
  if (match) return { subscriptionId: match[1], resourceGroup: match[2], server: match[3], backupName: decodeURIComponent(match[4]) }
  if (!BACKUP_NAME.test(trimmed)) throw new Error(`backup id "${value}" is neither a backup resource id nor a backup name`)
  if (!server) throw new Error(`backup "${value}" is a bare name: give the backup resource id, or the server it belongs to`)
  return { ...server, backupName: trimmed }
}

export function serverResourceId(ref: ServerRef): string {
  return `/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/${PROVIDER}/${ref.server}`
}

export function backupResourceId(ref: BackupRef): string {
  return `${serverResourceId(ref)}/backups/${ref.backupName}`
}

export function sameServer(a: ServerRef, b: ServerRef): boolean {
  return (
    a.subscriptionId.toLowerCase() === b.subscriptionId.toLowerCase() && a.resourceGroup.toLowerCase() === b.resourceGroup.toLowerCase() && a.server.toLowerCase() === b.server.toLowerCase()
  )
}

/** `da-<snapshotId>`, with characters the API does not allow turned into "-". */
export function managedBackupName(snapshotId: string): string {
  const cleaned = snapshotId.trim().replace(/[^-\w.]/g, '-')
  if (cleaned.replace(/[-_.]/g, '') === '') throw new Error(`snapshot id "${snapshotId}" has no letters or digits to name a backup with`)
  return cleaned.startsWith(MANAGED_BACKUP_PREFIX) ? cleaned : `${MANAGED_BACKUP_PREFIX}${cleaned}`
}

export function hasManagedName(backupName: string): boolean {
  return backupName.startsWith(MANAGED_BACKUP_PREFIX)
}

export function isManagedBackup(backup: ArmServerBackup): boolean {
  return backup.properties?.backupType === ON_DEMAND_BACKUP_TYPE && hasManagedName(backup.name ?? '')
}

function isoTime(value: string | undefined): string {
  if (!value) return ''
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? value : date.toISOString()
}

/**
 * ServerBackup → SnapshotInfo. A listed backup is complete (the API lists no pending ones), so
 * its status is "available". Tags: backups have none, so the managed marker is reported from the
 * name, and nothing else.
 */
export function toSnapshotInfo(backup: ArmServerBackup): SnapshotInfo {
  return {
    id: backup.id ?? backup.name ?? '',
    createdAt: isoTime(backup.properties?.completedTime),
    status: 'available',
    tags: isManagedBackup(backup) ? { [MANAGED_TAG_KEY]: MANAGED_TAG_VALUE } : {}
  }
}

/** The PUT body that restores `source` at `pointInTimeUTC` into a new server (createMode PointInTimeRestore). */
export function pointInTimeRestoreBody(location: string, source: ServerRef, pointInTimeUTC: string): Record<string, unknown> {
  return {
    location,
    properties: {
      createMode: 'PointInTimeRestore',
      sourceServerResourceId: serverResourceId(source),
      pointInTimeUTC
    }
  }
}
