import { isAbsolute } from 'node:path'
import { fileURLToPath } from 'node:url'
import { InputError } from '../../core/input-error.js'

/**
 * Where backups go, parsed from one URL. Pure.
 *
 *   azblob://container/prefix                       Azure Blob; account from the connection string or
 *                                                   the storage-account input
 *   https://account.blob.core.windows.net/container/prefix
 *   http://127.0.0.1:10000/devstoreaccount1/container/prefix   (emulator, path-style account)
 *   s3://bucket/prefix                              S3 or S3-compatible (endpoint override)
 *   file:///var/backups/app, /var/backups/app       a local directory, written explicitly: a relative
 *                                                   path is refused, since a forgotten scheme
 *                                                   (company-backups/shop) would otherwise land in
 *                                                   the workspace and vanish with the runner
 */
export type BackupDestination =
  { kind: 'azure-blob'; container: string; prefix: string; accountUrl?: string } | { kind: 's3'; bucket: string; prefix: string } | { kind: 'local'; directory: string; prefix: string }

const EXPECTED = 'azblob://container/prefix, https://<account>.blob.core.windows.net/container/prefix, s3://bucket/prefix, file:///absolute/path or an absolute path'

export function parseDestination(input: string, raw: string): BackupDestination {
  const value = raw.trim()
  if (value === '') throw new InputError(input, 'is empty', EXPECTED)
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1]?.toLowerCase()
  if (scheme === undefined) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(value) && !/^[a-z]:[\\/]/i.test(value)) throw new InputError(input, 'is not a valid destination URL', EXPECTED)
    if (!isAbsolute(value))
      throw new InputError(input, `is "${value}", a relative path with no scheme (it would be a folder of the workspace)`, `a scheme or an explicit local directory: ${EXPECTED}`)
    return { kind: 'local', directory: value, prefix: '' }
  }
  // URL parsing would quietly fold a/../b into b: refuse instead of writing somewhere else.
  if (/\/\.{1,2}(?=\/|$)/.test(value.slice(scheme.length + 3))) throw new InputError(input, 'has . or .. in its path', EXPECTED)
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InputError(input, 'is not a valid URL', EXPECTED)
  }
  if (url.search !== '' || url.hash !== '') {
    throw new InputError(input, 'has a query string or fragment (a SAS token does not belong in the URL)', `${EXPECTED}; pass a SAS token as azure-sas-token`)
  }
  if (url.username !== '' || url.password !== '') throw new InputError(input, 'holds credentials', `${EXPECTED} with credentials in their own inputs`)
  switch (scheme) {
    case 'azblob': {
      const container = url.hostname
      checkContainer(input, container)
      return { kind: 'azure-blob', container, prefix: cleanPrefix(input, url.pathname) }
    }
    case 's3': {
      const bucket = url.hostname
      if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
        throw new InputError(input, `names the bucket "${bucket}", which is not a valid S3 bucket name`, '3–63 lowercase letters, digits, dots and hyphens, as in s3://my-backups/app')
      }
      return { kind: 's3', bucket, prefix: cleanPrefix(input, url.pathname) }
    }
    case 'https':
    case 'http': {
      const segments = url.pathname.split('/').filter((s) => s !== '')
      const emulator = !/\.blob\.[a-z0-9.-]+$/i.test(url.hostname)
      if (emulator && segments.length < 2) throw new InputError(input, 'is an HTTP URL that is not an Azure Blob URL', EXPECTED)
      const accountPath = emulator ? `/${segments.shift()}` : ''
      const container = segments.shift() ?? ''
      checkContainer(input, container)
      return { kind: 'azure-blob', accountUrl: `${url.origin}${accountPath}`, container, prefix: cleanPrefix(input, segments.join('/')) }
    }
    case 'file': {
      let directory: string
      try {
        directory = fileURLToPath(url)
      } catch {
        throw new InputError(input, 'is a file URL with a host', 'file:///absolute/path')
      }
      return { kind: 'local', directory, prefix: '' }
    }
    default:
      throw new InputError(input, `uses the ${scheme} scheme, which is not a backup destination`, EXPECTED)
  }
}

function checkContainer(input: string, container: string): void {
  if (!/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(container)) {
    throw new InputError(
      input,
      `names the container "${container}", which is not a valid Azure container name`,
      '3–63 lowercase letters, digits and single hyphens, as in azblob://backups/app'
    )
  }
}

function cleanPrefix(input: string, path: string): string {
  let segments: string[]
  try {
    segments = path
      .split('/')
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s))
  } catch {
    throw new InputError(input, 'has a badly escaped path', EXPECTED)
  }
  if (segments.some((s) => s === '.' || s === '..' || s.includes('/'))) throw new InputError(input, 'has ., .. or an escaped slash in its path', EXPECTED)
  return segments.join('/')
}

/** The URI of one object of a destination (what the `uri` output and restore's `uri` input hold). */
export function objectUri(destination: BackupDestination, key: string): string {
  const path = key.split('/').map(encodeURIComponent).join('/')
  switch (destination.kind) {
    case 'azure-blob':
      return destination.accountUrl ? `${destination.accountUrl}/${destination.container}/${path}` : `azblob://${destination.container}/${path}`
    case 's3':
      return `s3://${destination.bucket}/${path}`
    case 'local':
      return `file://${destination.directory.split('/').map(encodeURIComponent).join('/')}/${path}`
  }
}
