import { metadataFromMap, metadataToMap } from '../metadata.js'
import type { BackupMetadata } from '../types.js'

/**
 * The local store's files. Pure. A backup `<key>` is the data file `<key>` plus the sidecar
 * `<key>.json` that holds its metadata; `<key>.partial` is an upload in progress (or one that
 * died) and is never a backup.
 */
export const SIDECAR_SUFFIX = '.json'
export const PARTIAL_SUFFIX = '.partial'

export function sidecarPath(dataPath: string): string {
  return `${dataPath}${SIDECAR_SUFFIX}`
}

export function partialPath(dataPath: string): string {
  return `${dataPath}${PARTIAL_SUFFIX}`
}

/** Whether a file name in a backup directory may be a backup's data file. */
export function isDataFile(name: string): boolean {
  return !name.endsWith(SIDECAR_SUFFIX) && !name.endsWith(PARTIAL_SUFFIX) && !/\.tmp$/.test(name)
}

export function sidecarContent(metadata: BackupMetadata): string {
  return `${JSON.stringify(metadataToMap(metadata), null, 2)}\n`
}

export function parseSidecar(content: string): BackupMetadata | undefined {
  try {
    const parsed = JSON.parse(content) as unknown
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined
    const map: Record<string, string> = {}
    for (const [key, value] of Object.entries(parsed)) if (typeof value === 'string') map[key] = value
    return metadataFromMap(map)
  } catch {
    return undefined
  }
}
