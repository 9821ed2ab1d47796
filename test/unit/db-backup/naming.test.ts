import { describe, expect, it } from '@jest/globals'
import { backupId, backupKey, dumpExtension, environmentPrefix, idOfKey, safeNamePart, snapshotId, utcTimestamp } from '../../../actions/db-backup/src/naming.js'

const at = new Date('2026-11-22T03:15:00.123Z')

describe('backup names', () => {
  it('UTC timestamps are compact and sort as text', () => {
    expect(utcTimestamp(at)).toBe('20261122T031500Z')
    expect(utcTimestamp(new Date('2026-01-02T03:04:05Z')) < utcTimestamp(at)).toBe(true)
  })

  it.each([
    ['postgres', 'zstd', false, '.dump.zst'],
    ['postgres', 'gzip', true, '.dump.gz.enc'],
    ['mysql', 'none', false, '.sql'],
    ['sqlite', 'zstd', true, '.sqlite.zst.enc']
  ] as const)('%s with %s (encrypted %s) → %s', (engine, compression, encrypted, ext) => expect(dumpExtension(engine, compression, encrypted)).toBe(ext))

  it.each([
    ['shop', 'production', 'shop/production/20261122T031500Z-1658821493-1.dump.zst'],
    ['', 'staging', 'staging/20261122T031500Z-1658821493-1.dump.zst'],
    ['a/b', 'eu west/1', 'a/b/eu-west-1/20261122T031500Z-1658821493-1.dump.zst']
  ])('prefix %p, environment %p → %s', (prefix, environment, key) => {
    expect(backupKey(prefix, environment, backupId(at, '1658821493-1'), '.dump.zst')).toBe(key)
    expect(idOfKey(key)).toBe('20261122T031500Z-1658821493-1')
    expect(key.startsWith(environmentPrefix(prefix, environment) + '/')).toBe(true)
  })

  it.each([
    ['production/20261122T031500Z-42.dump.zst.enc', '20261122T031500Z-42'],
    ['production/20261122T031500Z-v1.2.3.sql.gz', '20261122T031500Z-v1.2.3'],
    ['production/20261122T031500Z-42.dump.zst.partial', undefined],
    ['production/notes.txt', undefined],
    ['production/20261122T031500Z-42.dump.json', undefined]
  ])('idOfKey(%s) → %p', (key, id) => expect(idOfKey(key)).toBe(id))

  it.each([
    ['refs/heads/main', 'refs-heads-main'],
    ['  ..x y..  ', 'x-y'],
    ['ünïcode', 'n-code']
  ])('safeNamePart(%p) → %p', (raw, safe) => expect(safeNamePart(raw)).toBe(safe))

  it.each([
    ['production', '1658821493-1', 'production-20261122t031500z-1658821493-1'],
    ['Prod_EU', 'v1.2--rc', 'prod-eu-20261122t031500z-v1-2-rc'],
    ['1st', 'x', 'db-1st-20261122t031500z-x'],
    ['x', 'a'.repeat(100), `x-20261122t031500z-${'a'.repeat(41)}`]
  ])('snapshotId(%p, %p) is a valid RDS identifier', (environment, deployment, id) => {
    const made = snapshotId(environment, at, deployment)
    expect(made).toBe(id)
    expect(made).toMatch(/^[a-z](?!.*--)[a-z0-9-]{0,59}$/)
    expect(made.endsWith('-')).toBe(false)
  })
})
