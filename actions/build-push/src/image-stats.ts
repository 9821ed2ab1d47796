import { children, type ManifestDocument } from '../../../packages/providers/registry/distribution/media-types.js'
import type { ImageSource } from '../../../packages/providers/registry/distribution/copy.js'

export interface ImageStats {
  /** Bytes of configs and layers over every platform. */
  size: number
  layers: number
  platforms: string[]
}

/** Walks an image's manifests (not its layers) to count its size, layers and platforms. */
export async function imageStats(source: ImageSource): Promise<ImageStats> {
  const stats: ImageStats = { size: 0, layers: 0, platforms: [] }
  const visit = async (body: Buffer): Promise<void> => {
    const document = JSON.parse(body.toString('utf8')) as ManifestDocument
    const { blobs, manifests } = children(document)
    for (const blob of blobs) {
      stats.size += blob.size
      if (blob !== document.config) stats.layers += 1
    }
    for (const child of manifests) {
      // Attestation manifests (docker provenance/SBOM) are listed with platform unknown/unknown.
      if (child.platform && child.platform.os !== 'unknown') stats.platforms.push([child.platform.os, child.platform.architecture, child.platform.variant].filter(Boolean).join('/'))
      await visit(await source.manifest(child.digest))
    }
  }
  await visit(source.root.body)
  const root = JSON.parse(source.root.body.toString('utf8')) as ManifestDocument
  if (stats.platforms.length === 0 && root.config) {
    // One platform: the image config says which.
    const config = JSON.parse((await source.blob(root.config.digest)).toString('utf8')) as { os?: string; architecture?: string; variant?: string }
    if (config.os && config.architecture) stats.platforms.push([config.os, config.architecture, config.variant].filter(Boolean).join('/'))
  }
  return stats
}
