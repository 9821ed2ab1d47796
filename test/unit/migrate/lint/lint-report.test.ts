import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { lintMigrations } from '../../../../actions/migrate/src/lint/lint.js'
import { lintAnnotations, lintCommentBody, lintCommentMarker, lintReportJson, lintSummaryMarkdown } from '../../../../actions/migrate/src/lint/lint-report.js'
import { parseLintRules } from '../../../../actions/migrate/src/lint/lint-rules-input.js'

const sources = [
  { file: 'db/migrations/002_index.sql', sql: 'CREATE INDEX orders_user_idx ON orders (user_id);' },
  {
    file: 'db/migrations/003_drop.sql',
    sql: "SET lock_timeout = '5s';\n-- deploy-actions:lint-ignore drop-column unused since 1.4\nALTER TABLE users DROP COLUMN legacy;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;"
  }
]

describe('lint report', () => {
  it('summarises errors and warnings with where, rule, why and the safer way, and lists accepted findings', async () => {
    const markdown = lintSummaryMarkdown(await lintMigrations(sources))
    expect(markdown).toContain('### Migration lint: 1 error, 1 warning in 2 files')
    expect(markdown).toContain('| ❌ | db/migrations/002_index.sql:1 | `index-not-concurrent` |')
    expect(markdown).toContain('| ⚠️ | db/migrations/003_drop.sql:4 | `set-not-null-without-check` |')
    expect(markdown).toContain('- `drop-column` at db/migrations/003_drop.sql:3: unused since 1.4')
  })

  it('says so when there is nothing to report', async () => {
    const report = await lintMigrations([{ file: 'a.sql', sql: 'CREATE TABLE t (id int);' }])
    expect(lintSummaryMarkdown(report)).toBe('### Migration lint: no findings in 1 statement of 1 file\n')
  })

  it('builds a pull-request comment that starts with its marker and groups findings by file', async () => {
    const body = lintCommentBody(await lintMigrations(sources), 'db/migrations')
    expect(body.startsWith(`${lintCommentMarker('db/migrations')}\n`)).toBe(true)
    expect(body.indexOf('#### `db/migrations/002_index.sql`')).toBeLessThan(body.indexOf('#### `db/migrations/003_drop.sql`'))
    expect(body).toContain('-- deploy-actions:lint-ignore <rule> <why it is safe>')
  })

  it('annotates the migration file at the statement', async () => {
    const [first] = lintAnnotations(await lintMigrations(sources))
    expect(first).toMatchObject({ level: 'error', file: 'db/migrations/002_index.sql', line: 1, column: 1, title: 'index-not-concurrent (migrate lint)' })
    expect(first.message).toContain('Instead: CREATE INDEX CONCURRENTLY')
  })

  it('writes the findings as JSON', async () => {
    const json = JSON.parse(lintReportJson(await lintMigrations(sources))) as { errors: number; warnings: number; findings: unknown[]; ignored: unknown[] }
    expect([json.errors, json.warnings, json.findings.length, json.ignored.length]).toEqual([1, 1, 2, 1])
  })
})

describe('the lint-rules input', () => {
  it('reads rule=severity lines and comma lists', () =>
    expect(parseLintRules('drop-column=warning, lock-timeout-missing = off\nrename-table=error')).toEqual({
      'drop-column': 'warning',
      'lock-timeout-missing': 'off',
      'rename-table': 'error'
    }))

  it('is empty when empty', () => expect(parseLintRules('  ')).toEqual({}))

  it.each([
    ['drop-column', /^Input "lint-rules" has "drop-column", which is not rule=severity; expected rule=error/],
    ['drop-colum=off', /^Input "lint-rules" names "drop-colum", which is not a rule; expected one of index-not-concurrent, /],
    ['drop-column=fatal', /^Input "lint-rules" sets drop-column to "fatal"; expected error, warning or off\.$/]
  ])('refuses %j naming the input', (raw, message) => expect(() => parseLintRules(raw)).toThrow(message))
})

describe('the README', () => {
  it('documents every rule', async () => {
    const { RULES } = await import('../../../../actions/migrate/src/lint/rules.js')
    const { repoRoot } = await import('../../../support/paths.js')
    const readme = readFileSync(join(repoRoot, 'actions', 'migrate', 'README.md'), 'utf8')
    expect(RULES.map((r) => r.id).filter((id) => !readme.includes(`| \`${id}\` | ${RULES.find((r) => r.id === id)!.severity} |`))).toEqual([])
  })
})
