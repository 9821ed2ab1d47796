import { describe, expect, it } from '@jest/globals'
import { MigrationSqlError } from '../../../actions/migrate/src/database/migration-database.js'
import { MigrationFailure } from '../../../actions/migrate/src/migration-failure.js'
import { provenanceFrom } from '../../../actions/migrate/src/provenance.js'
import { outputsOf, summaryMarkdown, type MigrateReport } from '../../../actions/migrate/src/report.js'

const base: MigrateReport = {
  runner: 'built-in runner',
  database: 'PostgreSQL database "shop" on db:5432 as app',
  dryRun: false,
  direction: 'up',
  outcomes: [
    { version: '001', name: 'a', file: 'm/001_a.sql', status: 'applied', durationMs: 12.4 },
    { version: '002', name: 'b', file: 'm/002_b.sql', status: 'failed' }
  ],
  pendingCount: 1,
  currentVersion: '001',
  warnings: ['something to know'],
  failure: 'm/002_b.sql:3:8: column "nme" does not exist'
}

describe('outputs', () => {
  it.each([
    [base, { 'applied-count': '1', 'pending-count': '1', 'current-version': '001', applied: '[{"version":"001","name":"a","file":"m/001_a.sql","direction":"up","durationMs":12}]' }],
    [
      { ...base, outcomes: [{ name: '20240101_init', status: 'applied' as const }], pendingCount: undefined, currentVersion: undefined },
      { 'applied-count': '1', 'pending-count': '', 'current-version': '', applied: '[{"name":"20240101_init","direction":"up"}]' }
    ],
    [
      { ...base, direction: 'down' as const, outcomes: [{ version: '003', name: 'c', file: 'm/003_c.down.sql', status: 'reverted' as const, durationMs: 3 }] },
      { 'applied-count': '1', 'pending-count': '1', 'current-version': '001', applied: '[{"version":"003","name":"c","file":"m/003_c.down.sql","direction":"down","durationMs":3}]' }
    ]
  ])('%#', (report, expected) => {
    expect(outputsOf(report)).toEqual(expected)
  })
})

describe('summary', () => {
  it('shows the table, the failure and the warnings', () => {
    const markdown = summaryMarkdown(base)
    expect(markdown).toContain('### ❌ migrate failed on PostgreSQL database "shop" on db:5432 as app')
    expect(markdown).toContain('| `001` a | m/001_a.sql | 12 ms | ✅ applied |')
    expect(markdown).toContain('| `002` b | m/002_b.sql |  | ❌ failed |')
    expect(markdown).toContain('> m/002_b.sql:3:8: column "nme" does not exist')
    expect(markdown).toContain('- something to know')
  })

  it('shows pending SQL in a dry-run', () => {
    const markdown = summaryMarkdown({
      ...base,
      failure: undefined,
      dryRun: true,
      outcomes: [{ version: '2', name: 'b', file: 'm/2_b.sql', status: 'pending', sql: 'CREATE TABLE b ();\n' }],
      pendingCount: 1
    })
    expect(markdown).toContain('### 🔎 migrate dry-run on PostgreSQL database "shop" on db:5432 as app: 1 pending')
    expect(markdown).toContain('<details><summary>m/2_b.sql</summary>\n\n```sql\nCREATE TABLE b ();\n```')
  })

  it('does not claim "nothing to apply" when a tool cannot tell', () => {
    const markdown = summaryMarkdown({ ...base, runner: 'command', failure: undefined, outcomes: [], warnings: [], appliedUnknown: true })
    expect(markdown).toContain('command ran successfully; its output does not say which migrations it applied.')
    expect(markdown).not.toContain('Nothing to apply')
  })

  it('keeps the SQL in a dry-run summary within the job summary size limit', () => {
    const big = 'INSERT INTO t VALUES (1);\n'.repeat(2000) // 52 000 characters each
    const outcomes = Array.from({ length: 30 }, (_, i) => ({ version: String(i + 1), name: 'seed', file: `m/${i + 1}_seed.sql`, status: 'pending' as const, sql: big }))
    const markdown = summaryMarkdown({ ...base, failure: undefined, dryRun: true, outcomes, pendingCount: 30 })
    expect(markdown.length).toBeLessThan(500_000)
    expect(markdown).toContain('-- … 32000 more characters in the step log')
    expect(markdown).toContain('The SQL of 10 more files is in the step log.')
  })

  it('says when there is nothing to do', () => {
    expect(summaryMarkdown({ ...base, failure: undefined, outcomes: [], warnings: [] })).toContain('Nothing to apply: the database is up to date.')
  })

  it('shows the restore point when a backup-id is passed', () => {
    const markdown = summaryMarkdown({ ...base, backupId: 'shop-20261122-0120' })
    expect(markdown).toContain('The backup `shop-20261122-0120` (from db-backup) holds the database as it was before this run.')
    expect(markdown).toContain('    mode: restore\n    backup-id: shop-20261122-0120')
    expect(markdown).toContain('- uses: your-org/deploy-actions/actions/db-backup@v1')
  })

  it('fills the restore step from the run: the action it came from and the backup uri', () => {
    const markdown = summaryMarkdown({
      ...base,
      backupId: 'shop-20261122-0120',
      backupUri: 's3://backups/shop/prod/shop-20261122-0120.dump.zst',
      actionSource: 'acme/deploy-actions/actions/db-backup@v1.4.0'
    })
    expect(markdown).toContain('The backup `shop-20261122-0120` at `s3://backups/shop/prod/shop-20261122-0120.dump.zst` (from db-backup)')
    expect(markdown).toContain(
      [
        '- uses: acme/deploy-actions/actions/db-backup@v1.4.0',
        '  with:',
        '    mode: restore',
        '    uri: s3://backups/shop/prod/shop-20261122-0120.dump.zst',
        '    database-url: ${{ secrets.DATABASE_URL }}'
      ].join('\n')
    )
    expect(markdown).not.toMatch(/your-org|<the destination/)
  })

  it('lists the files that ran outside a transaction and what a failure halfway means', () => {
    const outcomes = [
      { version: '3', name: 'idx', file: 'm/3_idx.sql', status: 'applied' as const, durationMs: 5, outside: 'CREATE INDEX CONCURRENTLY on line 1 cannot run inside a transaction block' }
    ]
    const markdown = summaryMarkdown({ ...base, failure: undefined, outcomes })
    expect(markdown).toContain('**Outside a transaction**\n\n- m/3_idx.sql: CREATE INDEX CONCURRENTLY on line 1 cannot run inside a transaction block\n\nIf such a file fails halfway')
  })
})

describe('MigrationFailure', () => {
  it.each([
    [
      new MigrationSqlError('column "nme" does not exist', 'm/002_b.sql', { line: 3, column: 8 }, '42703', true),
      1,
      'm/002_b.sql:3:8: column "nme" does not exist (PostgreSQL 42703). It was rolled back: the database is exactly as it was before this migration (1 migration before it in this run was completed and kept).',
      { title: 'Migration failed', file: 'm/002_b.sql', startLine: 3, startColumn: 8 }
    ],
    [
      new MigrationSqlError(
        'deadlock detected',
        'm/5_x.sql',
        undefined,
        '40P01',
        false,
        'Process 1 waits for ShareLock',
        'See server log for query details.',
        'SQL statement "UPDATE t SET x = 1"\nPL/pgSQL function inline_code_block line 3 at SQL statement'
      ),
      0,
      'm/5_x.sql: deadlock detected (PostgreSQL 40P01). Detail: Process 1 waits for ShareLock. Hint: See server log for query details. Context: SQL statement "UPDATE t SET x = 1"; PL/pgSQL function inline_code_block line 3 at SQL statement. It ran outside the runner\'s transaction (deploy-actions:no-transaction), so what it committed before the failing statement stays applied and the migration is not recorded; check the database before running it again.',
      { title: 'Migration failed', file: 'm/5_x.sql', startLine: 1, startColumn: undefined }
    ]
  ])('%#', (error, before, message, annotation) => {
    const failure = new MigrationFailure(error, 'PostgreSQL', before)
    expect(failure.message).toBe(message)
    expect(failure.annotation).toEqual(annotation)
  })
})

describe('provenance', () => {
  it.each([
    [
      { GITHUB_ACTOR: 'octocat', GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '1' },
      { appliedBy: 'octocat', runUrl: 'https://github.com/o/r/actions/runs/42' }
    ],
    [
      { GITHUB_ACTOR: 'octocat', GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '3' },
      { appliedBy: 'octocat', runUrl: 'https://github.com/o/r/actions/runs/42/attempts/3' }
    ],
    [{ USER: 'dev' }, { appliedBy: 'dev', runUrl: undefined }],
    [{}, { appliedBy: 'unknown', runUrl: undefined }]
  ])('%j', (env, expected) => {
    expect(provenanceFrom(env)).toEqual(expected)
  })
})
