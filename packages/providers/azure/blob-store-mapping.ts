import { metadataFromMap } from '../backup-metadata.js'
import type { StoredObject } from '../backup-store.js'

/** Pure mapping of Azure Blob SDK shapes to the BackupStore's. */

export interface BlobItemLike {
  name: string
  properties: { contentLength?: number; lastModified?: Date }
  metadata?: Record<string, string>
}

export function blobItemToStored(item: BlobItemLike, uri: (key: string) => string): StoredObject {
  const metadata = metadataFromMap(item.metadata)
  return {
    key: item.name,
    uri: uri(item.name),
    sizeBytes: item.properties.contentLength ?? 0,
    ...(item.properties.lastModified ? { lastModified: item.properties.lastModified.toISOString() } : {}),
    ...(metadata ? { metadata } : {})
  }
}

/** Block ids must all have the same length within a blob; base64 of a fixed-width label. */
export function blockId(runTag: string, index: number): string {
  return Buffer.from(`${runTag}-${String(index).padStart(8, '0')}`, 'ascii').toString('base64')
}

/** The account URL an azblob:// destination uses when no connection string names the endpoint. */
export function accountUrlFor(accountName: string): string {
  return `https://${accountName}.blob.core.windows.net`
}

export function storeErrorKind(error: unknown): 'not-found' | 'auth' | 'unreachable' | 'other' {
  const e = error as { statusCode?: number; code?: string; name?: string }
  if (e?.statusCode === 404) return 'not-found'
  if (e?.statusCode === 401 || e?.statusCode === 403) return 'auth'
  if (e?.name === 'CredentialUnavailableError' || e?.name === 'AuthenticationError' || e?.name === 'AggregateAuthenticationError') return 'auth'
  if (e?.code === 'ECONNREFUSED' || e?.code === 'ENOTFOUND' || e?.code === 'ETIMEDOUT' || e?.code === 'REQUEST_SEND_ERROR') return 'unreachable'
  return 'other'
}
