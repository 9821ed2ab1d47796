import { metadataFromMap } from '../metadata.js'
import type { StoredObject } from '../types.js'

/** Pure mapping for the S3 store: temporary keys, copy plans, SDK shapes to StoredObject. */

/** Objects bigger than this cannot be copied with one CopyObject call (S3's limit). */
export const SINGLE_COPY_LIMIT = 5 * 1024 ** 3
export const COPY_PART_BYTES = 512 * 1024 ** 2

export function temporaryKey(key: string, runTag: string): string {
  return `${key}.partial-${runTag}`
}

export function isTemporaryKey(key: string): boolean {
  return /\.partial-[0-9a-f]+$/.test(key)
}

/** Byte ranges (inclusive, as CopySourceRange wants) for a multipart server-side copy. */
export function copyRanges(sizeBytes: number, partBytes = COPY_PART_BYTES): string[] {
  const ranges: string[] = []
  for (let start = 0; start < sizeBytes; start += partBytes) ranges.push(`bytes=${start}-${Math.min(sizeBytes, start + partBytes) - 1}`)
  return ranges
}

/** CopySource is "bucket/key" with the key URL-encoded (slashes kept). */
export function copySource(bucket: string, key: string): string {
  return `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`
}

export function s3ObjectToStored(item: { Key?: string; Size?: number; LastModified?: Date }, metadata: Record<string, string> | undefined, uri: (key: string) => string): StoredObject {
  const key = item.Key ?? ''
  const parsed = metadataFromMap(metadata)
  return {
    key,
    uri: uri(key),
    sizeBytes: item.Size ?? 0,
    ...(item.LastModified ? { lastModified: item.LastModified.toISOString() } : {}),
    ...(parsed ? { metadata: parsed } : {})
  }
}

export function s3ErrorKind(error: unknown): 'not-found' | 'auth' | 'unreachable' | 'other' {
  const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } }
  const status = e?.$metadata?.httpStatusCode
  if (e?.name === 'NoSuchBucket' || e?.name === 'NotFound' || e?.name === 'NoSuchKey' || status === 404) return 'not-found'
  if (e?.name === 'CredentialsProviderError' || e?.name === 'InvalidAccessKeyId' || e?.name === 'SignatureDoesNotMatch' || e?.name === 'AccessDenied' || status === 401 || status === 403)
    return 'auth'
  if (e?.code === 'ECONNREFUSED' || e?.code === 'ENOTFOUND' || e?.code === 'ETIMEDOUT' || e?.name === 'TimeoutError') return 'unreachable'
  return 'other'
}
