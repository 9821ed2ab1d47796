import { describe, expect, it } from '@jest/globals'
import { metadataFromMap, metadataToMap } from '../../../../../packages/providers/backup-store/metadata.js'
import { blobItemToStored, blockId, credentialProblem, storeErrorKind } from '../../../../../packages/providers/backup-store/azure-blob/blob-store-mapping.js'
import { isDataFile, parseSidecar, sidecarContent } from '../../../../../packages/providers/backup-store/local/file-store-mapping.js'
import { s3ErrorKind } from '../../../../../packages/providers/backup-store/s3/s3-store-mapping.js'

const metadata = {
  sizeBytes: 123456,
  sha256: 'a'.repeat(64),
  engine: 'postgres',
  serverVersion: 'PostgreSQL 15.18 (Debian 15.18-0+deb12u1)',
  createdAt: '2026-11-22T03:15:00.000Z',
  compression: 'zstd',
  encryption: 'aes-256-gcm',
  environment: 'production',
  deploymentId: '1658821493-1'
}

describe('backup metadata as a string map', () => {
  it('round-trips, with keys valid as Azure metadata names and x-amz-meta headers', () => {
    const map = metadataToMap(metadata)
    for (const key of Object.keys(map)) expect(key).toMatch(/^[a-z]+[a-z0-9]*$/)
    expect(metadataFromMap(map)).toEqual(metadata)
    // Header casing from a store does not matter.
    expect(metadataFromMap(Object.fromEntries(Object.entries(map).map(([k, v]) => [k.toUpperCase(), v])))).toEqual(metadata)
  })

  it('keeps values printable ASCII (HTTP header values)', () => {
    expect(metadataToMap({ ...metadata, serverVersion: 'PostgreSQL 16 — “beta”\n' }).serverversion).toBe('PostgreSQL 16 ? ?beta?')
  })

  it.each([
    ['no map', undefined],
    ['a foreign object', { owner: 'someone' }],
    ['no marker', { ...metadataToMap(metadata), managedby: '' }],
    ['no digest (partial upload)', { ...metadataToMap(metadata), sha256: '' }],
    ['a bad size', { ...metadataToMap(metadata), sizebytes: '-1' }],
    ['a bad date', { ...metadataToMap(metadata), createdat: 'yesterday' }]
  ])('%s is not a complete backup', (_name, map) => expect(metadataFromMap(map as Record<string, string> | undefined)).toBeUndefined())
})

describe('Azure Blob mapping', () => {
  it('block ids have one length within a blob', () => {
    const ids = [0, 9, 10, 12345678].map((i) => blockId('abcdef012345', i))
    expect(new Set(ids.map((id) => Buffer.from(id, 'base64').length)).size).toBe(1)
    expect(new Set(ids).size).toBe(4)
  })

  it('maps a listed blob, with or without our metadata', () => {
    const uri = (k: string): string => `azblob://c/${k}`
    expect(blobItemToStored({ name: 'p/x.dump', properties: { contentLength: 5, lastModified: new Date('2026-11-22T00:00:00Z') }, metadata: metadataToMap(metadata) }, uri)).toEqual({
      key: 'p/x.dump',
      uri: 'azblob://c/p/x.dump',
      sizeBytes: 5,
      lastModified: '2026-11-22T00:00:00.000Z',
      metadata
    })
    expect(blobItemToStored({ name: 'p/y', properties: {} }, uri)).toEqual({ key: 'p/y', uri: 'azblob://c/p/y', sizeBytes: 0 })
  })

  it.each([
    [{ statusCode: 404 }, 'not-found'],
    [{ statusCode: 403 }, 'auth'],
    [{ name: 'CredentialUnavailableError' }, 'auth'],
    [{ code: 'ECONNREFUSED' }, 'unreachable'],
    [new Error('boom'), 'other']
  ])('classifies %j as %s', (error, kind) => expect(storeErrorKind(error)).toBe(kind))

  it('explains a missing Azure login apart from refused credentials', () => {
    expect(credentialProblem({ name: 'CredentialUnavailableError', message: 'EnvironmentCredential is unavailable.\nmore' })).toMatch(
      /^no Azure login is available to DefaultAzureCredential .*: EnvironmentCredential is unavailable\.$/
    )
    expect(credentialProblem({ statusCode: 403 })).toBe('the storage account refused the credentials')
  })
})

describe('S3 errors', () => {
  it.each([
    [{ name: 'NoSuchBucket' }, 'not-found'],
    [{ name: 'CredentialsProviderError' }, 'auth'],
    [{ name: 'x', $metadata: { httpStatusCode: 403 } }, 'auth'],
    [{ code: 'ECONNREFUSED' }, 'unreachable'],
    [{ name: 'SlowDown', $metadata: { httpStatusCode: 503 } }, 'other']
  ])('classifies %j as %s', (error, kind) => expect(s3ErrorKind(error)).toBe(kind))
})

describe('local store files', () => {
  it.each([
    ['20261122T031500Z-1.dump.zst', true],
    ['20261122T031500Z-1.dump.zst.json', false],
    ['20261122T031500Z-1.dump.zst.partial', false],
    ['20261122T031500Z-1.dump.zst.json.a1b2c3.tmp', false]
  ])('%s is a data file: %s', (name, expected) => expect(isDataFile(name)).toBe(expected))

  it('sidecars round-trip and unreadable ones mean "not a backup"', () => {
    expect(parseSidecar(sidecarContent(metadata))).toEqual(metadata)
    expect(parseSidecar('{')).toBeUndefined()
    expect(parseSidecar('[1]')).toBeUndefined()
  })
})
