import { describe, expect, it } from '@jest/globals'
import { lintMigrations, type LintSource } from '../../../../actions/migrate/src/lint/lint.js'
import { RULES } from '../../../../actions/migrate/src/lint/rules.js'

// Each rule against PostgreSQL's real parser (libpg-query): SQL that must be reported and the
// safe form of the same change that must not be. `users` and `orders` are existing tables (not
// created by the migrations linted), `fresh` is created in the same migration.
const ruleIds = async (sql: string): Promise<string[]> => (await lintMigrations([{ file: 'm.sql', sql }])).findings.map((f) => f.rule)
const T = "SET lock_timeout = '5s';\n"

const cases: [string, string, string[]][] = [
  ['index-not-concurrent', T + 'CREATE INDEX users_email_idx ON users (email);', ['index-not-concurrent']],
  ['index-not-concurrent: concurrent is fine', 'CREATE INDEX CONCURRENTLY users_email_idx ON users (email);', []],
  ['index-not-concurrent: a new table is fine', 'CREATE TABLE fresh (id int);\nCREATE INDEX fresh_id_idx ON fresh (id);', []],
  ['add-column-not-null-without-default', T + 'ALTER TABLE users ADD COLUMN age int NOT NULL;', ['add-column-not-null-without-default']],
  ['add-column: constant default is fine', T + 'ALTER TABLE users ADD COLUMN age int NOT NULL DEFAULT 0;', []],
  ['add-column: now() is stable, fine', T + 'ALTER TABLE users ADD COLUMN seen timestamptz NOT NULL DEFAULT now();', []],
  ['add-column-volatile-default', T + 'ALTER TABLE users ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();', ['add-column-volatile-default']],
  ['add-column-volatile-default: clock_timestamp', T + 'ALTER TABLE users ADD COLUMN t timestamptz DEFAULT clock_timestamp();', ['add-column-volatile-default']],
  ['add-column: nullable without default is fine', T + 'ALTER TABLE users ADD COLUMN nickname text;', []],
  ['alter-column-type', T + 'ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2);', ['alter-column-type']],
  ['set-not-null-without-check', T + 'ALTER TABLE users ALTER COLUMN email SET NOT NULL;', ['set-not-null-without-check']],
  [
    'set-not-null after a validated check is fine',
    T +
      'ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT users_email_nn;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;',
    []
  ],
  [
    'set-not-null after an unvalidated check is reported',
    T + 'ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;',
    ['set-not-null-without-check']
  ],
  ['constraint-without-not-valid: foreign key', T + 'ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);', ['constraint-without-not-valid']],
  ['constraint-without-not-valid: check', T + 'ALTER TABLE orders ADD CONSTRAINT positive CHECK (total > 0);', ['constraint-without-not-valid']],
  [
    'constraint: NOT VALID then VALIDATE is fine',
    T + 'ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;',
    []
  ],
  ['unique-without-index', T + 'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);', ['unique-without-index']],
  ['unique USING INDEX is fine', T + 'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;', []],
  ['drop-table', T + 'DROP TABLE orders;', ['drop-table']],
  ['drop-table of a table created in the same run is fine', 'CREATE TABLE fresh (id int);\nDROP TABLE fresh;', []],
  ['drop-column', T + 'ALTER TABLE users DROP COLUMN legacy;', ['drop-column']],
  ['rename-table', T + 'ALTER TABLE orders RENAME TO purchases;', ['rename-table']],
  ['rename-column', T + 'ALTER TABLE users RENAME COLUMN name TO full_name;', ['rename-column']],
  ['lock-timeout-missing', 'ALTER TABLE users ADD COLUMN nickname text;', ['lock-timeout-missing']],
  ['lock-timeout set to 0 does not count', 'SET lock_timeout = 0;\nALTER TABLE users ADD COLUMN nickname text;', ['lock-timeout-missing']],
  ['lock-timeout: VALIDATE CONSTRAINT takes a weaker lock', 'ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;', []],
  ['concurrently-in-transaction', 'BEGIN;\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\nCOMMIT;', ['concurrently-in-transaction']],
  ['concurrently after COMMIT is fine', 'BEGIN;\nCOMMIT;\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);', []],
  ['DROP INDEX CONCURRENTLY in a transaction', 'BEGIN;\nDROP INDEX CONCURRENTLY users_email_idx;\nCOMMIT;', ['concurrently-in-transaction']],
  ['a new table with everything inline is fine', 'CREATE TABLE fresh (id int PRIMARY KEY, user_id int NOT NULL REFERENCES users (id), email text UNIQUE);', []],
  ['plain DML is fine', "INSERT INTO users (email) VALUES ('a@example.com');\nUPDATE users SET name = 'x' WHERE id = 1;", []]
]

describe('migration lint rules (real PostgreSQL parser)', () => {
  it.each(cases)('%s', async (_name, sql, expected) => expect(await ruleIds(sql)).toEqual(expected))

  it('has a table case that triggers every rule', () => {
    const covered = new Set(cases.flatMap(([, , rules]) => rules))
    expect(RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([])
  })

  it('points at the statement line and column in the file, after comments and multi-byte text', async () => {
    const sql = "-- Ünïcode comment 🚀\nSET lock_timeout = '5s';\n\n/* add the index */\n  CREATE INDEX users_email_idx ON users (email);\n"
    const [finding] = (await lintMigrations([{ file: 'db/001.sql', sql }])).findings
    expect(finding).toMatchObject({ file: 'db/001.sql', line: 5, column: 3, rule: 'index-not-concurrent', severity: 'error', statement: 'CREATE INDEX users_email_idx ON users (email)' })
    expect(finding.message).toBe('CREATE INDEX without CONCURRENTLY on an existing table: index "users_email_idx" on "users"')
  })

  it('offsets lines by where the up section starts in the file', async () => {
    const source: LintSource = { file: 'db/20240101_users.sql', sql: 'ALTER TABLE users DROP COLUMN legacy;', firstLine: 3 }
    const report = await lintMigrations([source])
    expect(report.findings.map((f) => [f.rule, f.line])).toEqual([
      ['drop-column', 3],
      ['lock-timeout-missing', 3]
    ])
  })

  it('reports a syntax error with its position instead of throwing', async () => {
    const report = await lintMigrations([{ file: 'bad.sql', sql: 'CREATE TABLE a (id int);\nCREAT TABLE b (id int);' }])
    expect(report.findings).toHaveLength(1)
    expect(report.findings[0]).toMatchObject({ rule: 'syntax-error', severity: 'error', line: 2, column: 1, message: 'syntax error at or near "CREAT"' })
  })

  it('remembers tables created by earlier files of the same run, and lock_timeout per file', async () => {
    const report = await lintMigrations([
      { file: '001.sql', sql: "SET lock_timeout = '5s';\nCREATE TABLE fresh (id int);" },
      { file: '002.sql', sql: 'CREATE INDEX fresh_id_idx ON fresh (id);\nALTER TABLE users ADD COLUMN x int;' }
    ])
    expect(report.findings.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual(['002.sql:2 lock-timeout-missing'])
  })

  it('takes severities from the caller, including off', async () => {
    const report = await lintMigrations([{ file: 'm.sql', sql: 'ALTER TABLE users DROP COLUMN legacy;' }], { 'drop-column': 'warning', 'lock-timeout-missing': 'off' })
    expect(report.findings.map((f) => [f.rule, f.severity])).toEqual([['drop-column', 'warning']])
    expect([report.errors, report.warnings]).toEqual([0, 1])
  })

  it('honours an ignore comment with a reason for that statement and rule only', async () => {
    const sql = [
      "SET lock_timeout = '5s';",
      '-- deploy-actions:lint-ignore drop-column the column has been unused since v1.4',
      'ALTER TABLE users DROP COLUMN legacy;',
      'ALTER TABLE users DROP COLUMN other;'
    ].join('\n')
    const report = await lintMigrations([{ file: 'm.sql', sql }])
    expect(report.findings.map((f) => `${f.line} ${f.rule}`)).toEqual(['4 drop-column'])
    expect(report.ignored).toEqual([{ file: 'm.sql', line: 3, rule: 'drop-column', reason: 'the column has been unused since v1.4' }])
  })

  it.each([
    ['-- deploy-actions:lint-ignore drop-column\nALTER TABLE users DROP COLUMN legacy;', 'switches off drop-column without a reason'],
    ['-- deploy-actions:lint-ignore drop-colum typo here\nALTER TABLE users DROP COLUMN legacy;', 'names "drop-colum", which is not a rule']
  ])('reports an ignore comment that has no effect: %j', async (sql, problem) => {
    const report = await lintMigrations([{ file: 'm.sql', sql: `SET lock_timeout = '5s';\n${sql}` }])
    expect(report.findings.map((f) => f.rule)).toEqual(['invalid-ignore', 'drop-column'])
    expect(report.findings[0].message).toContain(problem)
  })
})
