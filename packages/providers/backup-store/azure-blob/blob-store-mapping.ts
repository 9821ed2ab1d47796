import { metadataFromMap } from '../metadata.js'
import type { StoredObject } from '../types.js'

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

/** One line on why authentication failed: no Azure login at all, or credentials the account refused. */
export function credentialProblem(error: unknown): string {
  const e = error as { name?: string; message?: string }
  if (e?.name === 'CredentialUnavailableError' || e?.name === 'AggregateAuthenticationError' || e?.name === 'AuthenticationError') {
    const first = (e.message ?? '').split('\n')[0].slice(0, 200)
    return `no Azure login is available to DefaultAzureCredential (azure/login with OIDC, managed identity, or AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET)${first ? `: ${first}` : ''}`
  }
  return 'the storage account refused the credentials'
}
