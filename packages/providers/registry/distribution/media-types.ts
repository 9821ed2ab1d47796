/** Manifest media types a registry may hold; indexes (multi-arch) list other manifests. */
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json'
export const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json'
export const MANIFEST_TYPES = [OCI_INDEX, OCI_MANIFEST, DOCKER_LIST, DOCKER_MANIFEST]

export function isIndex(mediaType: string): boolean {
  return mediaType === OCI_INDEX || mediaType === DOCKER_LIST
}

export interface Descriptor {
  mediaType: string
  digest: string
  size: number
  platform?: { os?: string; architecture?: string; variant?: string }
  annotations?: Record<string, string>
}

export interface ManifestDocument {
  mediaType?: string
  config?: Descriptor
  layers?: Descriptor[]
  manifests?: Descriptor[]
  annotations?: Record<string, string>
}

/** The blobs (config and layers) an image manifest refers to, or the manifests an index lists. */
export function children(document: ManifestDocument): { blobs: Descriptor[]; manifests: Descriptor[] } {
  return { blobs: [...(document.config ? [document.config] : []), ...(document.layers ?? [])], manifests: document.manifests ?? [] }
}

/** A manifest's own media type: the field when present, else inferred from its shape. */
export function manifestMediaType(document: ManifestDocument, fallback?: string): string {
  return document.mediaType ?? fallback ?? (document.manifests ? OCI_INDEX : OCI_MANIFEST)
}
