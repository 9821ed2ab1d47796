/**
 * Image references as the OCI distribution spec writes them: `host[:port]/path[:tag][@digest]`.
 * Pure. The host must be explicit (ghcr.io/…, docker.io/…): a short name such as `app` would be
 * silently reshaped into docker.io/library/app, so it is refused instead.
 */

export interface ImageName {
  /** Registry host as written (with port), e.g. ghcr.io or 127.0.0.1:5000. */
  host: string
  /** Repository path inside the registry, e.g. octo-org/shop. */
  repository: string
}

export interface ImageRef extends ImageName {
  tag?: string
  digest?: string
}

const HOST = /^(?:localhost|(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\.(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?))*|\[[0-9A-Fa-f:]+\])(?::\d{1,5})?$/
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/
export const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/
export const DIGEST = /^sha256:[a-f0-9]{64}$/

export class ImageRefError extends Error {}

/** Whether the first path component names a registry host (it has a dot or a port, or is localhost). */
function looksLikeHost(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost' || component.startsWith('[')
}

export function parseImageRef(raw: string): ImageRef {
  const text = raw.trim()
  if (text === '') throw new ImageRefError('is empty')
  let rest = text
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at >= 0) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
    if (!DIGEST.test(digest)) throw new ImageRefError(`has the digest "${digest}", which is not sha256: and 64 lowercase hex digits`)
  }
  const slash = rest.indexOf('/')
  if (slash < 0 || !looksLikeHost(rest.slice(0, slash))) throw new ImageRefError(`("${text}") does not start with a registry host`)
  const host = rest.slice(0, slash)
  let path = rest.slice(slash + 1)
  let tag: string | undefined
  const colon = path.lastIndexOf(':')
  if (colon >= 0) {
    tag = path.slice(colon + 1)
    path = path.slice(0, colon)
    if (!TAG.test(tag)) throw new ImageRefError(`has the tag "${tag}", which is not a valid tag`)
  }
  if (!HOST.test(host)) throw new ImageRefError(`has the host "${host}", which is not a host name with an optional port`)
  if (path === '' || !path.split('/').every((c) => PATH_COMPONENT.test(c))) {
    throw new ImageRefError(`has the repository "${path}", which is not lowercase letters, digits and separators (. _ __ -) between / components`)
  }
  return { host, repository: path, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) }
}

export function imageName(ref: ImageName): string {
  return `${ref.host}/${ref.repository}`
}

export function formatRef(ref: ImageRef): string {
  return `${imageName(ref)}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`
}

/** Docker Hub's API lives at registry-1.docker.io, whatever name users give it. */
export function apiHost(host: string): string {
  return host === 'docker.io' || host === 'index.docker.io' ? 'registry-1.docker.io' : host
}

/** The key under which docker/buildah/skopeo look a registry's credentials up in an auth file. */
export function authFileKey(host: string): string {
  return host === 'docker.io' || host === 'registry-1.docker.io' ? 'https://index.docker.io/v1/' : host
}
