import { randomBytes } from 'node:crypto'
import type { Readable } from 'node:stream'
import { buildArmCredential } from '../../../clouds/azure/credential.js'
import { objectUri, type BackupDestination } from '../destination.js'
import { metadataToMap } from '../metadata.js'
import type { BackupMetadata, BackupStore, BackupStoreConfig, PutOptions, StoredObject } from '../types.js'
import { StoreCheckError } from '../store-error.js'
import { accountUrlFor, blobItemToStored, blockId, credentialProblem, storeErrorKind } from './blob-store-mapping.js'

type AzureDestination = Extract<BackupDestination, { kind: 'azure-blob' }>

/**
 * Azure Blob Storage through @azure/storage-blob. Uploads stage blocks from the stream (a few in
 * flight) and commit the block list with the metadata at the end, so a blob appears only whole.
 * Auth, first that applies: connection string; SAS token; the suite's Azure credential chain
 * (packages/clouds/azure/credential.ts: GitHub OIDC federated credential, client secret, managed
 * identity). The storage SDK keeps its own retries: staged blocks go up in parallel outside our
 * retry policy.
 */
export async function createBlobStore(destination: AzureDestination, config: BackupStoreConfig): Promise<BackupStore> {
  const { BlobServiceClient } = await import('@azure/storage-blob')
  const auth = config.azure ?? {}
  let service: InstanceType<typeof BlobServiceClient>
  if (auth.connectionString) {
    service = BlobServiceClient.fromConnectionString(auth.connectionString)
  } else {
    let accountUrl = destination.accountUrl
    if (!accountUrl) {
      if (!auth.accountName) throw new Error('an azblob:// destination needs a connection string or a storage account name')
      accountUrl = accountUrlFor(auth.accountName)
    }
    if (auth.sasToken) {
      service = new BlobServiceClient(`${accountUrl}?${auth.sasToken.replace(/^\?/, '')}`)
    } else {
      const { credential } = await buildArmCredential()
      service = new BlobServiceClient(accountUrl, credential)
    }
  }
  const container = service.getContainerClient(destination.container)
  // URIs keep the destination's own form (azblob:// stays azblob://), not the connection string's endpoint.
  const uri = (key: string): string => objectUri(destination, key)
  const partBytes = config.partBytes ?? 8 * 1024 * 1024
  const concurrency = config.concurrency ?? 4

  return {
    kind: 'azure-blob',
    uri,

    async check(prefix) {
      try {
        await container.listBlobsFlat({ prefix }).byPage({ maxPageSize: 1 }).next()
      } catch (error) {
        const reason = storeErrorKind(error)
        const detail = reason === 'not-found' ? `container "${destination.container}" does not exist` : reason === 'auth' ? credentialProblem(error) : (error as Error).message
        throw new StoreCheckError(reason, `Azure Blob Storage: ${detail}`)
      }
    },

    async put(key: string, body: Readable, finalize: () => Promise<BackupMetadata>, options: PutOptions = {}): Promise<StoredObject> {
      const blob = container.getBlockBlobClient(key)
      const runTag = randomBytes(6).toString('hex')
      const ids: string[] = []
      const inFlight = new Set<Promise<void>>()
      let failure: Error | undefined
      let size = 0
      const stage = (block: Buffer): void => {
        const id = blockId(runTag, ids.length)
        ids.push(id)
        const tracked: Promise<void> = blob
          .stageBlock(id, block, block.length, { abortSignal: options.signal })
          .then(
            () => undefined,
            (error: unknown) => {
              failure ??= error instanceof Error ? error : new Error(String(error))
            }
          )
          .finally(() => inFlight.delete(tracked))
        inFlight.add(tracked)
      }
      try {
        let block = Buffer.allocUnsafe(partBytes)
        let filled = 0
        for await (const chunk of body as AsyncIterable<Buffer>) {
          if (failure) throw failure
          size += chunk.length
          let offset = 0
          while (offset < chunk.length) {
            const copied = chunk.copy(block, filled, offset)
            filled += copied
            offset += copied
            if (filled === partBytes) {
              stage(block)
              block = Buffer.allocUnsafe(partBytes)
              filled = 0
              while (inFlight.size >= concurrency) await Promise.race(inFlight)
              // Set by a settled stage() while awaiting above (TypeScript cannot see that).
              if (failure) throw failure as Error
            }
          }
        }
        if (filled > 0) stage(block.subarray(0, filled))
        await Promise.all(inFlight)
        if (failure) throw failure
      } catch (error) {
        await Promise.allSettled(inFlight)
        throw error
      }
      // Everything is staged but nothing is visible yet; finalize may still refuse (dump failed).
      const metadata = await finalize()
      if (metadata.sizeBytes !== size) throw new Error(`uploaded ${size} bytes but the backup has ${metadata.sizeBytes}`)
      await blob.commitBlockList(ids, {
        metadata: metadataToMap(metadata),
        blobHTTPHeaders: { blobContentType: 'application/octet-stream' },
        abortSignal: options.signal
      })
      return { key, uri: uri(key), sizeBytes: size, metadata }
    },

    async list(prefix) {
      const out: StoredObject[] = []
      for await (const item of container.listBlobsFlat({ prefix: prefix === '' ? undefined : `${prefix}/`, includeMetadata: true })) {
        out.push(blobItemToStored(item, uri))
      }
      return out
    },

    async get(key, signal) {
      const response = await container.getBlockBlobClient(key).download(0, undefined, { abortSignal: signal, maxRetryRequests: 5 })
      if (!response.readableStreamBody) throw new Error(`blob ${key} has no body`)
      return response.readableStreamBody as Readable
    },

    async head(key) {
      try {
        const p = await container.getBlockBlobClient(key).getProperties()
        return blobItemToStored({ name: key, properties: { contentLength: p.contentLength, lastModified: p.lastModified }, metadata: p.metadata }, uri)
      } catch (error) {
        if (storeErrorKind(error) === 'not-found') return undefined
        throw error
      }
    },

    async delete(key) {
      await container.getBlockBlobClient(key).deleteIfExists({ deleteSnapshots: 'include' })
    }
  }
}
