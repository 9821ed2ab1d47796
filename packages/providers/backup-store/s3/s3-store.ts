import { randomBytes } from 'node:crypto'
import { awsClientConfig } from '../../../clouds/aws/client-config.js'
import { awsCredentials } from '../../../clouds/aws/credentials.js'
import type { Readable } from 'node:stream'
import { objectUri, type BackupDestination } from '../destination.js'
import { metadataToMap } from '../metadata.js'
import type { BackupMetadata, BackupStore, BackupStoreConfig, PutOptions, StoredObject } from '../types.js'
import { StoreCheckError } from '../store-error.js'
import { copyRanges, copySource, isTemporaryKey, s3ErrorKind, s3ObjectToStored, SINGLE_COPY_LIMIT, temporaryKey } from './s3-store-mapping.js'

type S3Destination = Extract<BackupDestination, { kind: 's3' }>

/** HeadObject calls in flight while listing (well under the SDK's 50 sockets). */
const LIST_HEADS = 16

/**
 * S3 and S3-compatible stores through @aws-sdk/client-s3 and @aws-sdk/lib-storage. The stream goes
 * up as a multipart upload under a temporary key (lib-storage aborts it on failure); once the
 * dump is known good, a server-side copy to the final key sets the metadata (digest included),
 * and the temporary object is deleted. Region, client settings and credentials (the inputs when
 * given, else GitHub OIDC or the SDK's default chain) come from packages/clouds/aws.
 */
export async function createS3Store(destination: S3Destination, config: BackupStoreConfig): Promise<BackupStore> {
  const s3 = await import('@aws-sdk/client-s3')
  const { Upload } = await import('@aws-sdk/lib-storage')
  const auth = config.s3 ?? {}
  const { credentials } = await awsCredentials({ accessKeyId: auth.accessKeyId, secretAccessKey: auth.secretAccessKey, sessionToken: auth.sessionToken })
  const client = new s3.S3Client({
    ...awsClientConfig({
      region: auth.region,
      fallbackRegion: 'us-east-1',
      credentials,
      // lib-storage sends the parts itself: our retry cannot wrap them one by one, so the SDK keeps
      // its default 3 attempts; no idle cut, as a restore may pause the download stream for long.
      sdkMaxAttempts: 3,
      attemptTimeoutMs: 0
    }),
    ...(auth.endpoint ? { endpoint: auth.endpoint, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } : {}),
    forcePathStyle: auth.forcePathStyle ?? Boolean(auth.endpoint)
  })
  const Bucket = destination.bucket
  const uri = (key: string): string => objectUri(destination, key)
  const partBytes = Math.max(5 * 1024 * 1024, config.partBytes ?? 8 * 1024 * 1024)
  const queueSize = config.concurrency ?? 4

  async function finalCopy(from: string, to: string, size: number, metadata: Record<string, string>, signal?: AbortSignal): Promise<void> {
    if (size <= SINGLE_COPY_LIMIT) {
      await client.send(
        new s3.CopyObjectCommand({ Bucket, Key: to, CopySource: copySource(Bucket, from), MetadataDirective: 'REPLACE', Metadata: metadata, ContentType: 'application/octet-stream' }),
        { abortSignal: signal }
      )
      return
    }
    const created = await client.send(new s3.CreateMultipartUploadCommand({ Bucket, Key: to, Metadata: metadata, ContentType: 'application/octet-stream' }), { abortSignal: signal })
    const UploadId = created.UploadId
    try {
      const parts = []
      for (const [index, range] of copyRanges(size).entries()) {
        const part = await client.send(new s3.UploadPartCopyCommand({ Bucket, Key: to, UploadId, PartNumber: index + 1, CopySource: copySource(Bucket, from), CopySourceRange: range }), {
          abortSignal: signal
        })
        parts.push({ PartNumber: index + 1, ETag: part.CopyPartResult?.ETag })
      }
      await client.send(new s3.CompleteMultipartUploadCommand({ Bucket, Key: to, UploadId, MultipartUpload: { Parts: parts } }), { abortSignal: signal })
    } catch (error) {
      await client.send(new s3.AbortMultipartUploadCommand({ Bucket, Key: to, UploadId })).catch(() => undefined)
      throw error
    }
  }

  return {
    kind: 's3',
    uri,

    async check(prefix) {
      try {
        await client.send(new s3.ListObjectsV2Command({ Bucket, Prefix: prefix === '' ? undefined : `${prefix}/`, MaxKeys: 1 }))
      } catch (error) {
        const reason = s3ErrorKind(error)
        const detail =
          reason === 'not-found'
            ? `bucket "${Bucket}" does not exist`
            : reason === 'auth'
              ? `the credentials were refused or are missing (${(error as Error).name})`
              : (error as Error).message
        throw new StoreCheckError(reason, `S3: ${detail}`)
      }
    },

    async put(key: string, body: Readable, finalize: () => Promise<BackupMetadata>, options: PutOptions = {}): Promise<StoredObject> {
      const temporary = temporaryKey(key, randomBytes(6).toString('hex'))
      const upload = new Upload({
        client,
        params: { Bucket, Key: temporary, Body: body, ContentType: 'application/octet-stream' },
        partSize: partBytes,
        queueSize,
        leavePartsOnError: false
      })
      const abort = (): void => void upload.abort().catch(() => undefined)
      options.signal?.addEventListener('abort', abort, { once: true })
      let uploaded = false
      try {
        await upload.done()
        uploaded = true
        const metadata = await finalize()
        await finalCopy(temporary, key, metadata.sizeBytes, metadataToMap(metadata), options.signal)
        return { key, uri: uri(key), sizeBytes: metadata.sizeBytes, metadata }
      } finally {
        options.signal?.removeEventListener('abort', abort)
        if (uploaded) await client.send(new s3.DeleteObjectCommand({ Bucket, Key: temporary })).catch(() => undefined)
      }
    },

    async list(prefix) {
      const out: StoredObject[] = []
      let ContinuationToken: string | undefined
      do {
        const page = await client.send(new s3.ListObjectsV2Command({ Bucket, Prefix: prefix === '' ? undefined : `${prefix}/`, ContinuationToken }))
        // ListObjectsV2 carries no user metadata: one HEAD per object, LIST_HEADS at a time.
        const items = (page.Contents ?? []).filter((item) => item.Key && !isTemporaryKey(item.Key))
        for (let start = 0; start < items.length; start += LIST_HEADS) {
          const batch = items.slice(start, start + LIST_HEADS)
          const heads = await Promise.all(batch.map((item) => client.send(new s3.HeadObjectCommand({ Bucket, Key: item.Key }))))
          batch.forEach((item, index) => out.push(s3ObjectToStored(item, heads[index].Metadata, uri)))
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined
      } while (ContinuationToken)
      return out
    },

    async get(key, signal) {
      const response = await client.send(new s3.GetObjectCommand({ Bucket, Key: key }), { abortSignal: signal })
      if (!response.Body) throw new Error(`object ${key} has no body`)
      return response.Body as Readable
    },

    async head(key) {
      try {
        const head = await client.send(new s3.HeadObjectCommand({ Bucket, Key: key }))
        return s3ObjectToStored({ Key: key, Size: head.ContentLength, LastModified: head.LastModified }, head.Metadata, uri)
      } catch (error) {
        if (s3ErrorKind(error) === 'not-found') return undefined
        throw error
      }
    },

    async delete(key) {
      await client.send(new s3.DeleteObjectCommand({ Bucket, Key: key }))
    }
  }
}
