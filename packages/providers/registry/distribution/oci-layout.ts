import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { manifestMediaType, type ManifestDocument } from './media-types.js'
import type { ImageSource } from './copy.js'

/**
 * An OCI image layout directory (what `buildah push … oci:DIR` writes) read as a copy source:
 * index.json names the root manifest, every blob lives under blobs/sha256/.
 */
export async function ociLayoutSource(dir: string): Promise<ImageSource> {
  const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as ManifestDocument
  const entries = index.manifests ?? []
  if (entries.length !== 1) throw new Error(`the OCI layout at ${dir} holds ${entries.length} images, not one`)
  const blob = (digest: string): Promise<Buffer> => readFile(join(dir, 'blobs', ...digest.split(':')))
  const root = entries[0]
  const body = await blob(root.digest)
  return {
    root: { digest: root.digest, mediaType: manifestMediaType(JSON.parse(body.toString('utf8')) as ManifestDocument, root.mediaType), body },
    manifest: blob,
    blob,
    openBlob: (digest) => createReadStream(join(dir, 'blobs', ...digest.split(':')))
  }
}
