import { describe, expect, it } from '@jest/globals'
import { objectUri, parseDestination } from '../../../../../packages/providers/backup-store/destination.js'

describe('parseDestination', () => {
  it.each([
    ['azblob://backups', { kind: 'azure-blob', container: 'backups', prefix: '' }],
    ['azblob://backups/shop/db/', { kind: 'azure-blob', container: 'backups', prefix: 'shop/db' }],
    ['https://acme.blob.core.windows.net/backups/shop', { kind: 'azure-blob', accountUrl: 'https://acme.blob.core.windows.net', container: 'backups', prefix: 'shop' }],
    ['https://acme.blob.core.usgovcloudapi.net/backups', { kind: 'azure-blob', accountUrl: 'https://acme.blob.core.usgovcloudapi.net', container: 'backups', prefix: '' }],
    ['http://127.0.0.1:10000/devstoreaccount1/backups/x', { kind: 'azure-blob', accountUrl: 'http://127.0.0.1:10000/devstoreaccount1', container: 'backups', prefix: 'x' }],
    ['s3://my-backups/shop/prod', { kind: 's3', bucket: 'my-backups', prefix: 'shop/prod' }],
    ['s3://my.backups', { kind: 's3', bucket: 'my.backups', prefix: '' }],
    ['file:///var/backups/shop', { kind: 'local', directory: '/var/backups/shop', prefix: '' }],
    ['/var/backups/shop', { kind: 'local', directory: '/var/backups/shop', prefix: '' }]
  ])('%s', (raw, expected) => expect(parseDestination('destination', raw)).toEqual(expected))

  it.each([
    ['', 'Input "destination" is empty'],
    ['ftp://host/x', 'uses the ftp scheme, which is not a backup destination'],
    ['azblob://Back_ups/x', 'names the container "Back_ups", which is not a valid Azure container name'],
    ['azblob://ab/x', 'which is not a valid Azure container name'],
    ['s3://B/x', 'which is not a valid S3 bucket name'],
    ['https://acme.blob.core.windows.net/backups?sv=2024&sig=abc', 'has a query string or fragment'],
    ['s3://key:secret@bucket/x', 'holds credentials'],
    ['https://example.com/x', 'is an HTTP URL that is not an Azure Blob URL'],
    ['azblob://backups/a%2Fb', 'has ., .. or an escaped slash in its path'],
    ['mailto:x@y', 'is not a valid destination URL'],
    ['backups/shop', 'is "backups/shop", a relative path with no scheme'],
    ['azblob://backups/a/../etc', 'has . or .. in its path'],
    ['s3://bkt/./x', 'has . or .. in its path']
  ])('%p is rejected naming the input', (raw, message) => {
    expect(() => parseDestination('destination', raw)).toThrow(message)
  })

  it('never echoes a SAS signature it rejects', () => {
    expect(() => parseDestination('destination', 'https://a.blob.core.windows.net/c1c/x?sig=TOPSECRET')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('TOPSECRET') })
    )
  })
})

describe('objectUri', () => {
  it.each([
    [{ kind: 'azure-blob', container: 'backups', prefix: 'a' } as const, 'a/production/x.dump', 'azblob://backups/a/production/x.dump'],
    [
      { kind: 'azure-blob', container: 'backups', prefix: '', accountUrl: 'https://acme.blob.core.windows.net' } as const,
      'p/x y.dump',
      'https://acme.blob.core.windows.net/backups/p/x%20y.dump'
    ],
    [{ kind: 's3', bucket: 'bkt', prefix: '' } as const, 'p/x.dump', 's3://bkt/p/x.dump'],
    [{ kind: 'local', directory: '/var/backups', prefix: '' } as const, 'production/x.dump', 'file:///var/backups/production/x.dump']
  ])('%j + %s → %s', (destination, key, uri) => {
    expect(objectUri(destination, key)).toBe(uri)
    // The uri output is accepted back as restore's uri input, as the same kind of store.
    expect(parseDestination('uri', uri)).toMatchObject({ kind: destination.kind })
  })
})
