import { Readable } from 'node:stream'
import { afterEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCopyCommand
} from '@aws-sdk/client-s3'
import { createS3Store } from '../../../../../../packages/providers/backup-store/s3/s3-store.js'
import { copyRanges, copySource, isTemporaryKey, temporaryKey } from '../../../../../../packages/providers/backup-store/s3/s3-store-mapping.js'
import { metadataToMap } from '../../../../../../packages/providers/backup-store/metadata.js'

// S3 faked with aws-sdk-client-mock: the paths s3rver cannot exercise (a copy above CopyObject's 5 GiB limit).
const s3 = mockClient(S3Client)
afterEach(() => {
  s3.reset()
})

const GiB = 1024 ** 3
const meta = (sizeBytes: number) => async () => ({
  sizeBytes,
  sha256: 'f'.repeat(64),
  engine: 'postgres',
  serverVersion: 'PostgreSQL 15',
  createdAt: '2026-11-22T03:15:00.000Z',
  compression: 'zstd',
  encryption: 'none'
})

describe('S3 store (S3 faked with aws-sdk-client-mock)', () => {
  it('uploads to a temporary key, copies to the final key with the metadata, deletes the temporary key', async () => {
    s3.on(PutObjectCommand).resolves({ ETag: '"x"' })
    s3.on(CopyObjectCommand).resolves({})
    s3.on(DeleteObjectCommand).resolves({})
    const store = await createS3Store(
      { kind: 's3', bucket: 'backups', prefix: '' },
      { destination: { kind: 's3', bucket: 'backups', prefix: '' }, s3: { region: 'eu-west-1', accessKeyId: 'a', secretAccessKey: 'b' } }
    )
    const stored = await store.put('p/production/20261122T031500Z-1.dump.zst', Readable.from([Buffer.from('dump bytes')]), meta(10))
    const put = s3.commandCalls(PutObjectCommand)[0].args[0].input
    expect(isTemporaryKey(put.Key ?? '')).toBe(true)
    const copy = s3.commandCalls(CopyObjectCommand)[0].args[0].input
    expect(copy).toMatchObject({ Bucket: 'backups', Key: 'p/production/20261122T031500Z-1.dump.zst', CopySource: `backups/${put.Key}`, MetadataDirective: 'REPLACE' })
    expect(copy.Metadata).toMatchObject({ sha256: 'f'.repeat(64), sizebytes: '10', managedby: 'deploy-actions' })
    expect(s3.commandCalls(DeleteObjectCommand).map((c) => c.args[0].input.Key)).toEqual([put.Key])
    expect(stored.uri).toBe('s3://backups/p/production/20261122T031500Z-1.dump.zst')
  })

  it('above 5 GiB, copies in 512 MiB UploadPartCopy ranges and completes with the parts in order', async () => {
    s3.on(PutObjectCommand).resolves({})
    s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'copy-1' })
    s3.on(UploadPartCopyCommand).callsFake((input: { PartNumber: number }) => ({ CopyPartResult: { ETag: `"etag-${input.PartNumber}"` } }))
    s3.on(CompleteMultipartUploadCommand).resolves({})
    s3.on(DeleteObjectCommand).resolves({})
    const store = await createS3Store(
      { kind: 's3', bucket: 'backups', prefix: '' },
      { destination: { kind: 's3', bucket: 'backups', prefix: '' }, s3: { region: 'eu-west-1', accessKeyId: 'a', secretAccessKey: 'b' } }
    )
    await store.put('big.dump', Readable.from([Buffer.from('x')]), meta(6 * GiB + 1))
    const ranges = s3.commandCalls(UploadPartCopyCommand).map((c) => c.args[0].input.CopySourceRange)
    expect(ranges).toHaveLength(13)
    expect(ranges[0]).toBe('bytes=0-536870911')
    expect(ranges[12]).toBe(`bytes=${12 * 512 * 1024 ** 2}-${6 * GiB}`)
    expect(s3.commandCalls(CreateMultipartUploadCommand)[0].args[0].input.Metadata).toMatchObject({ sizebytes: String(6 * GiB + 1) })
    expect(s3.commandCalls(CompleteMultipartUploadCommand)[0].args[0].input.MultipartUpload?.Parts?.map((p) => p.ETag)).toEqual(Array.from({ length: 13 }, (_, i) => `"etag-${i + 1}"`))
    expect(s3.commandCalls(CopyObjectCommand)).toHaveLength(0)
  })

  it('when the dump fails after the upload, nothing is copied and the temporary object is deleted', async () => {
    s3.on(PutObjectCommand).resolves({})
    s3.on(DeleteObjectCommand).resolves({})
    const store = await createS3Store(
      { kind: 's3', bucket: 'backups', prefix: '' },
      { destination: { kind: 's3', bucket: 'backups', prefix: '' }, s3: { region: 'eu-west-1', accessKeyId: 'a', secretAccessKey: 'b' } }
    )
    await expect(store.put('k.dump', Readable.from([Buffer.from('half')]), async () => Promise.reject(new Error('pg_dump exited with code 1')))).rejects.toThrow('pg_dump exited with code 1')
    expect(s3.commandCalls(CopyObjectCommand)).toHaveLength(0)
    expect(s3.commandCalls(DeleteObjectCommand)).toHaveLength(1)
  })

  it('a failing part copy aborts the final multipart upload', async () => {
    s3.on(PutObjectCommand).resolves({})
    s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'copy-2' })
    s3.on(UploadPartCopyCommand).rejects(new Error('InternalError'))
    s3.on(AbortMultipartUploadCommand).resolves({})
    s3.on(DeleteObjectCommand).resolves({})
    const store = await createS3Store(
      { kind: 's3', bucket: 'backups', prefix: '' },
      { destination: { kind: 's3', bucket: 'backups', prefix: '' }, s3: { region: 'eu-west-1', accessKeyId: 'a', secretAccessKey: 'b' } }
    )
    await expect(store.put('big.dump', Readable.from([Buffer.from('x')]), meta(6 * GiB))).rejects.toThrow('InternalError')
    expect(s3.commandCalls(AbortMultipartUploadCommand)[0].args[0].input).toMatchObject({ Key: 'big.dump', UploadId: 'copy-2' })
  })

  it('lists every object of every page in order, with the metadata HEAD returns, skipping temporary keys', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `p/production/20261122T0315${String(i).padStart(2, '0')}Z-1.dump.zst`)
    s3.on(ListObjectsV2Command, { ContinuationToken: undefined }).resolves({
      IsTruncated: true,
      NextContinuationToken: 'page-2',
      Contents: [...names.slice(0, 25).map((Key) => ({ Key, Size: 10 })), { Key: temporaryKey(names[0], 'abc123'), Size: 5 }]
    })
    s3.on(ListObjectsV2Command, { ContinuationToken: 'page-2' }).resolves({ Contents: names.slice(25).map((Key) => ({ Key, Size: 10 })) })
    s3.on(HeadObjectCommand).callsFake(async (input: { Key: string }) => ({
      Metadata: input.Key === names[3] ? { owner: 'someone else' } : metadataToMap({ ...(await meta(10)()), createdAt: `2026-11-22T03:15:${input.Key.slice(26, 28)}.000Z` })
    }))
    const store = await createS3Store(
      { kind: 's3', bucket: 'backups', prefix: '' },
      { destination: { kind: 's3', bucket: 'backups', prefix: '' }, s3: { region: 'eu-west-1', accessKeyId: 'a', secretAccessKey: 'b' } }
    )
    const listed = await store.list('p/production')
    expect(listed.map((o) => o.key)).toEqual(names)
    expect(listed.map((o) => o.metadata?.createdAt)).toEqual(names.map((n, i) => (i === 3 ? undefined : `2026-11-22T03:15:${n.slice(26, 28)}.000Z`)))
    expect(
      s3
        .commandCalls(HeadObjectCommand)
        .map((c) => c.args[0].input.Key)
        .sort()
    ).toEqual([...names].sort())
    expect(s3.commandCalls(ListObjectsV2Command)[0].args[0].input.Prefix).toBe('p/production/')
  })

  it.each([
    [0, []],
    [1, ['bytes=0-0']],
    [10, ['bytes=0-3', 'bytes=4-7', 'bytes=8-9']]
  ])('copyRanges(%i, 4)', (size, ranges) => expect(copyRanges(size, 4)).toEqual(ranges))

  it('copy sources keep slashes and escape the rest; temporary keys are recognised', () => {
    expect(copySource('b', 'a dir/x+y.dump')).toBe('b/a%20dir/x%2By.dump')
    expect(isTemporaryKey(temporaryKey('p/x.dump', 'abc123'))).toBe(true)
    expect(isTemporaryKey('p/x.dump')).toBe(false)
  })
})
