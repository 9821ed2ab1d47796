import { compressionExtension, type Compression } from '../../../packages/backup/compression.js'

/**
 * Names of backups and snapshots. Pure.
 *
 *   object key   <prefix>/<environment>/<UTC timestamp>-<deployment id>.<ext>
 *   backup id    <UTC timestamp>-<deployment id>        e.g. 20261122T031500Z-1658821493-1
 *   snapshot id  <environment>-<timestamp>-<deployment id>, lowercased, hyphens only
 */

export type DumpEngine = 'postgres' | 'mysql' | 'sqlite'

export function utcTimestamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '')
}

/** Deployment ids and environments become part of object names: keep them to a safe alphabet. */
export function safeNamePart(value: string): string {
  return value
    .trim()
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 100)
}

export function dumpExtension(engine: DumpEngine, compression: Compression, encrypted: boolean): string {
  const base = engine === 'postgres' ? '.dump' : engine === 'mysql' ? '.sql' : '.sqlite'
  return `${base}${compressionExtension(compression)}${encrypted ? '.enc' : ''}`
}

export function backupId(createdAt: Date, deploymentId: string): string {
  return `${utcTimestamp(createdAt)}-${safeNamePart(deploymentId)}`
}

export function backupKey(prefix: string, environment: string, id: string, extension: string): string {
  return [environmentPrefix(prefix, environment), `${id}${extension}`].filter((p) => p !== '').join('/')
}

/** The folder retention and `backup-id` look in. */
export function environmentPrefix(prefix: string, environment: string): string {
  return [prefix, safeNamePart(environment)].filter((p) => p !== '').join('/')
}

/** The backup id of an object key (its file name up to the first dot), or undefined when it is not one of ours. */
export function idOfKey(key: string): string | undefined {
  const name = key.slice(key.lastIndexOf('/') + 1)
  const match = /^(\d{8}T\d{6}Z-[A-Za-z0-9_-][A-Za-z0-9._-]*?)\.(dump|sql|sqlite)(\.zst|\.gz)?(\.enc)?$/.exec(name)
  return match?.[1]
}

/**
 * Snapshot ids: `<environment>-<timestamp>-<deployment id>`, lowercased, hyphens only. RDS
 * identifiers are 1–255 letters, digits and hyphens, start with a letter, have no double hyphen
 * and do not end in one; kept to 63 so the Azure provider's `da-` name prefix still fits.
 * An environment that starts with a digit gets `db-` in front.
 */
export function snapshotId(environment: string, createdAt: Date, deploymentId: string): string {
  const raw = `${environment}-${utcTimestamp(createdAt)}-${deploymentId}`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+/, '')
  return (/^[a-z]/.test(raw) ? raw : `db-${raw}`).slice(0, 60).replace(/-+$/, '')
}
