import type { Readable } from 'node:stream'
import type { Logger } from '../../../core/log.js'
import { children, manifestMediaType, type ManifestDocument } from './media-types.js'
import type { Manifest, RegistryClient } from './client.js'

/** Where an image's bytes come from: an OCI layout on disk or another registry. */
export interface ImageSource {
  root: Manifest
  manifest(digest: string): Promise<Buffer>
  blob(digest: string): Promise<Buffer>
  /** A blob as a stream (a layer on disk), when the source can. */
  openBlob?(digest: string): Readable
}

export interface CopyResult {
  digest: string
  /** Bytes of config and layers (of every platform). */
  size: number
  layers: number
  blobsUploaded: number
  blobsPresent: number
}

/**
 * Copies an image (an index with its platform manifests, or one manifest) by digest: blobs the
 * destination lacks, then child manifests by digest, then the root manifest under each tag. The
 * bytes of every manifest are sent unchanged, so the digest stays the same everywhere.
 */
export async function copyImage(source: ImageSource, destination: RegistryClient, repository: string, tags: string[], logger: Logger): Promise<CopyResult> {
  const result: CopyResult = { digest: source.root.digest, size: 0, layers: 0, blobsUploaded: 0, blobsPresent: 0 }
  await copyManifest(source, source.root, destination, repository, result, logger)
  for (const tag of tags) await destination.putManifest(repository, tag, source.root)
  return result
}

async function copyManifest(source: ImageSource, manifest: Manifest, destination: RegistryClient, repository: string, result: CopyResult, logger: Logger): Promise<void> {
  const document = JSON.parse(manifest.body.toString('utf8')) as ManifestDocument
  const { blobs, manifests } = children(document)
  for (const child of manifests) {
    const body = await source.manifest(child.digest)
    await copyManifest(
      source,
      { digest: child.digest, mediaType: manifestMediaType(JSON.parse(body.toString('utf8')) as ManifestDocument, child.mediaType), body },
      destination,
      repository,
      result,
      logger
    )
  }
  for (const blob of blobs) {
    result.size += blob.size
    if (blob !== document.config) result.layers += 1
    if (await destination.blobExists(repository, blob.digest)) {
      result.blobsPresent += 1
      continue
    }
    logger.info(`${destination.host}/${repository}: uploading ${blob.digest.slice(0, 19)} (${blob.size} bytes)`)
    await destination.pushBlob(repository, blob.digest, blob.size, async () => source.openBlob?.(blob.digest) ?? source.blob(blob.digest))
    result.blobsUploaded += 1
  }
  await destination.putManifest(repository, manifest.digest, manifest)
}

/** A registry image as a copy source (promote-from). */
export async function registrySource(client: RegistryClient, repository: string, reference: string): Promise<ImageSource | undefined> {
  const root = await client.getManifest(repository, reference)
  if (!root) return undefined
  return {
    root,
    manifest: async (digest) => {
      const found = await client.getManifest(repository, digest)
      if (!found) throw new Error(`${client.host}/${repository}: manifest ${digest} is missing`)
      return found.body
    },
    blob: (digest) => client.getBlob(repository, digest)
  }
}
