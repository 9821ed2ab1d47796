import { describe, expect, it } from '@jest/globals'
import { buildSummary } from '../../../actions/db-backup/src/report.js'

describe('db-backup job summary', () => {
  it('shows the backup and every retention decision', () => {
    const md = buildSummary({
      mode: 'backup',
      engine: 'postgres',
      database: 'PostgreSQL database "shop" on db:5432 as app',
      backupId: '20261122T031500Z-42',
      uri: 'azblob://backups/production/20261122T031500Z-42.dump.zst',
      sizeBytes: 2048,
      sha256: 'ab'.repeat(32),
      durationMs: 12_500,
      compression: 'zstd',
      encryption: 'aes-256-gcm',
      serverVersion: 'PostgreSQL 15.18',
      verification: 'sha256 re-read and matched',
      retention: {
        dryRun: false,
        decisions: [
          { id: '20261122T031500Z-42', createdAt: '2026-11-22T03:15:00.000Z', action: 'keep', reason: 'made by this run' },
          { id: '20261101T031500Z-7', createdAt: '2026-11-01T03:15:00.000Z', action: 'delete', reason: 'older than max-age (21.0 d old)' },
          { id: '20261001T031500Z-1', createdAt: '2026-10-01T03:15:00.000Z', action: 'delete', reason: 'older than max-age (52.0 d old)' }
        ],
        deleted: ['20261101T031500Z-7'],
        failed: [{ id: '20261001T031500Z-1', error: 'HTTP 403' }]
      }
    })
    expect(md).toContain('### db-backup: postgres backup 20261122T031500Z-42')
    expect(md).toContain('| size | 2.0 KiB (2048 bytes) |')
    expect(md).toContain('| duration | 12.5 s |')
    expect(md).toContain('| 20261101T031500Z-7 | 2026-11-01T03:15:00.000Z | deleted | older than max-age (21.0 d old) |')
    expect(md).toContain('| 20261001T031500Z-1 | 2026-10-01T03:15:00.000Z | delete failed: HTTP 403 |')
  })

  it('says nothing was deleted on a dry run', () => {
    const md = buildSummary({
      mode: 'backup',
      engine: 'rds-snapshot',
      database: 'shop-db',
      backupId: 'da-production-1',
      snapshotId: 'da-production-1',
      durationMs: 1000,
      retention: { dryRun: true, decisions: [{ id: 'old', createdAt: '2026-01-01T00:00:00Z', action: 'delete', reason: 'beyond keep-last 1 (#2)' }], deleted: [], failed: [] }
    })
    expect(md).toContain('#### Retention (dry run: nothing deleted)')
    expect(md).toContain('| old | 2026-01-01T00:00:00Z | would delete | beyond keep-last 1 (#2) |')
  })
})
