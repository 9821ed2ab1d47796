import type { BackupMetadata } from './types.js'

/**
 * BackupMetadata as the flat string map that Azure blob metadata, S3 user metadata and the local
 * sidecar hold. Keys are lowercase letters only (valid as Azure metadata names, which must be C#
 * identifiers, and as x-amz-meta-* headers); values are printable ASCII (HTTP header values).
 * Pure.
 */

export const METADATA_MARKER = { managedby: 'deploy-actions', backupformat: '1' } as const

export function metadataToMap(m: BackupMetadata): Record<string, string> {
  const map: Record<string, string> = {
    ...METADATA_MARKER,
    sizebytes: String(m.sizeBytes),
    sha256: m.sha256,
    engine: m.engine,
    serverversion: m.serverVersion,
    createdat: m.createdAt,
    compression: m.compression,
    encryption: m.encryption
  }
  if (m.environment) map.environment = m.environment
  if (m.deploymentId) map.deploymentid = m.deploymentId
  for (const key of Object.keys(map)) map[key] = asciiHeaderValue(map[key])
  return map
}

/** The metadata of a complete backup, or undefined when the map is not one (foreign object, partial upload). */
export function metadataFromMap(raw: Record<string, string | undefined> | undefined): BackupMetadata | undefined {
  if (!raw) return undefined
  const map: Record<string, string> = {}
  for (const [key, value] of Object.entries(raw)) if (value !== undefined) map[key.toLowerCase()] = value
  if (map.managedby !== METADATA_MARKER.managedby) return undefined
  const size = Number(map.sizebytes)
  if (!/^[0-9a-f]{64}$/.test(map.sha256 ?? '') || !Number.isSafeInteger(size) || size < 0 || !map.createdat || Number.isNaN(Date.parse(map.createdat))) return undefined
  return {
    sizeBytes: size,
    sha256: map.sha256,
    engine: map.engine ?? '',
    serverVersion: map.serverversion ?? '',
    createdAt: map.createdat,
    compression: map.compression ?? 'none',
    encryption: map.encryption ?? 'none',
    ...(map.environment ? { environment: map.environment } : {}),
    ...(map.deploymentid ? { deploymentId: map.deploymentid } : {})
  }
}

export function asciiHeaderValue(value: string): string {
  return value
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[^\x20-\x7e]/g, '?')
    .trim()
    .slice(0, 256)
}
