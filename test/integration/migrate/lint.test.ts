import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { GITHUB_TOKEN, startFakeGitHub, type FakeGitHub } from '../../support/fakes/github-api.js'
import { runAction } from '../../support/runner.js'
import { startPostgres, type Postgres } from '../../support/services/postgres.js'

// migrate's lint run as the runner runs it: the bundle (with PostgreSQL's parser, libpg-query's
// WebAssembly build, inside it), real PostgreSQL for what is pending, and the GitHub API faked on
// loopback for the pull-request comment.

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'migrate-lint-'))
  mkdirSync(join(dir, 'migrations'))
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, 'migrations', name), sql)
  return dir
}

const SAFE = "SET lock_timeout = '5s';\nCREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);\n"
// users is not created by these migrations: an existing, busy table.
const DANGEROUS = "SET lock_timeout = '5s';\n\nCREATE INDEX users_email_idx ON users (email);\n"
const RISKY = "SET lock_timeout = '5s';\nALTER TABLE users ALTER COLUMN email SET NOT NULL;\n"

describe('migrate lint (runner contract, real PostgreSQL parser)', () => {
  it('mode lint: annotates the dangerous statement, summarises, writes the report and fails on an error', async () => {
    const cwd = project({ '001_orders.sql': SAFE, '002_index.sql': DANGEROUS })
    const result = await runAction({ action: 'migrate', cwd, inputs: { mode: 'lint' } })
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toMatch(
      /::error title=index-not-concurrent \(migrate lint\),file=migrations\/002_index\.sql,line=3,col=1::CREATE INDEX without CONCURRENTLY on an existing table: index "users_email_idx" on "users"\. Why: /
    )
    expect(result.outputs).toMatchObject({ 'lint-errors': '1', 'lint-warnings': '0' })
    expect(result.errors.at(-1)).toBe('migrate failed: the lint found 1 error(s) (see the annotations; accept one with -- deploy-actions:lint-ignore <rule> <reason>)')
    expect(result.summary).toContain('### Migration lint: 1 error, 0 warnings in 2 files')
    expect(result.summary).toContain('_Linted: every migration in migrations._')
    const report = JSON.parse(readFileSync(result.outputs['lint-report'], 'utf8')) as { findings: { rule: string; file: string; line: number }[] }
    expect(report.findings).toEqual([expect.objectContaining({ rule: 'index-not-concurrent', file: 'migrations/002_index.sql', line: 3 })])
  })

  it('mode lint: the table created by an earlier file of the run is new, so its index is fine; warnings pass unless lint-fail-on says otherwise', async () => {
    const cwd = project({ '001_orders.sql': SAFE + 'CREATE INDEX orders_user_idx ON orders (user_id);\n', '002_not_null.sql': RISKY })
    const passes = await runAction({ action: 'migrate', cwd, inputs: { mode: 'lint' } })
    expect([passes.exitCode, passes.outputs['lint-errors'], passes.outputs['lint-warnings']]).toEqual([0, '0', '1'])
    expect(passes.warnings.join('\n')).toContain('SET NOT NULL without a validated CHECK first')
    const strict = await runAction({ action: 'migrate', cwd, inputs: { mode: 'lint', 'lint-fail-on': 'warning' } })
    expect(strict.exitCode).toBe(1)
    const off = await runAction({ action: 'migrate', cwd, inputs: { mode: 'lint', 'lint-rules': 'set-not-null-without-check=off' } })
    expect([off.exitCode, off.outputs['lint-warnings']]).toEqual([0, '0'])
  })

  it("never lints a down section: a goose file is linted from its Up section, at the file's own lines", async () => {
    const goose = '-- +goose Up\nSELECT 1;\n-- +goose Down\nDROP TABLE orders;\n'
    const cwd = project({
      '20240101000001_noop.sql': goose,
      '20240101000002_drop.sql': "-- +goose Up\nSET lock_timeout = '1s';\nALTER TABLE orders DROP COLUMN legacy;\n-- +goose Down\nSELECT 1;\n"
    })
    const result = await runAction({ action: 'migrate', cwd, inputs: { mode: 'lint' } })
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain('::error title=drop-column (migrate lint),file=migrations/20240101000002_drop.sql,line=3,col=1::')
    expect(result.stdout).not.toContain('drop-table')
  })

  describe('with a database', () => {
    let pg: Postgres
    beforeAll(async () => {
      pg = await startPostgres()
    })
    afterAll(async () => pg?.stop())

    it('mode lint lints only the pending migrations and changes nothing in the database', async () => {
      const url = pg.createDatabase('lint_pending')
      const cwd = project({ '001_orders.sql': SAFE, '002_index.sql': DANGEROUS })
      writeFileSync(join(cwd, 'migrations', '003_later.sql'), "SET lock_timeout = '5s';\nALTER TABLE orders ADD COLUMN note text;\n")
      const first = await runAction({ action: 'migrate', cwd, inputs: { 'database-url': url, target: '001' } })
      expect(first.exitCode).toBe(0)
      const lint = await runAction({ action: 'migrate', cwd, inputs: { mode: 'lint', 'database-url': url } })
      expect(lint.exitCode).toBe(1)
      expect(lint.summary).toContain('in 2 files')
      expect(lint.summary).toContain('_Linted: pending in ')
      expect(pg.sql('SELECT version FROM deploy_actions_migrations ORDER BY version', 'lint_pending')).toBe('001')
    })

    it('lint: true stops an apply before anything is applied', async () => {
      const url = pg.createDatabase('lint_first')
      const cwd = project({ '001_orders.sql': SAFE, '002_index.sql': DANGEROUS })
      const result = await runAction({ action: 'migrate', cwd, inputs: { 'database-url': url, lint: 'true' } })
      expect(result.exitCode).toBe(1)
      expect(result.errors.at(-1)).toBe('migrate failed: the lint found 1 error(s); nothing was applied (see the annotations; accept one with -- deploy-actions:lint-ignore <rule> <reason>)')
      expect(pg.sql("SELECT count(*) FROM pg_tables WHERE tablename IN ('orders', 'deploy_actions_migrations')", 'lint_first')).toBe('0')
    })

    it('lint: true with nothing dangerous applies as usual', async () => {
      const url = pg.createDatabase('lint_ok')
      const cwd = project({ '001_orders.sql': SAFE })
      const result = await runAction({ action: 'migrate', cwd, inputs: { 'database-url': url, lint: 'true' } })
      expect([result.exitCode, result.outputs['applied-count'], result.outputs['lint-errors']]).toEqual([0, '1', '0'])
    })
  })

  describe('pull-request comment (GitHub API faked on loopback)', () => {
    let github: FakeGitHub
    beforeAll(async () => {
      github = await startFakeGitHub()
    })
    afterAll(async () => github?.stop())

    it('creates one comment and updates it in place on the next run', async () => {
      const cwd = project({ '001_orders.sql': SAFE, '002_index.sql': DANGEROUS })
      const event = { pull_request: { number: 7 } }
      const env = { GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'octo-org/shop' }
      const first = await runAction({ action: 'migrate', cwd, event, env, inputs: { mode: 'lint', 'github-token': GITHUB_TOKEN } })
      expect(first.exitCode).toBe(1)
      expect(github.comments.get(7)).toHaveLength(1)
      writeFileSync(join(cwd, 'migrations', '002_index.sql'), 'CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n')
      const second = await runAction({ action: 'migrate', cwd, event, env, inputs: { mode: 'lint', 'github-token': GITHUB_TOKEN } })
      expect(second.exitCode).toBe(0)
      const comments = github.comments.get(7) ?? []
      expect(comments).toHaveLength(1)
      expect(comments[0].body).toMatch(/^<!-- deploy-actions:migrate-lint migrations -->\n### Migration lint: no findings in 3 statements of 2 files/)
      expect(github.routes().filter((r) => !r.startsWith('GET'))).toEqual(['POST /repos/:owner/:repo/issues/7/comments', `PATCH /repos/:owner/:repo/issues/comments/${comments[0].id}`])
      // The token is masked the moment it is read, and appears nowhere else.
      const visible = `${first.stdout}${second.stdout}`.split('\n').filter((line) => !line.startsWith('::add-mask::'))
      expect(`${first.stdout}`).toContain(`::add-mask::${GITHUB_TOKEN}`)
      expect(visible.join('\n')).not.toContain(GITHUB_TOKEN)
    })
  })

  it.each([
    [{ mode: 'lint', 'database-url': 'sqlite:app.db' }, /^Input "mode" asks for a lint of sqlite migrations; expected PostgreSQL migrations/],
    [{ mode: 'lint', tool: 'prisma' }, /^Input "mode" asks for a lint but tool prisma keeps its migrations in its own form/],
    [{ mode: 'lint', lint: 'true' }, /^Input "lint" is true but mode is already lint/],
    [{ mode: 'lint', steps: '1' }, /^Input "steps" is set but mode is lint, which applies nothing/],
    [{ 'database-url': 'postgres://u@127.0.0.1:9/db', 'lint-rules': 'drop-column=off' }, /^Input "lint-rules" is set but nothing is linted/],
    [{ mode: 'lint', 'lint-rules': 'drop-colum=off' }, /^Input "lint-rules" names "drop-colum", which is not a rule/],
    [{ mode: 'check' }, /^Input "mode" is "check", which is not allowed; expected one of apply, lint\.$/]
  ])('refuses %j before reading anything, naming the input', async (inputs, message) => {
    const cwd = project({ '001_orders.sql': SAFE })
    const result = await runAction({ action: 'migrate', cwd, inputs })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([expect.stringMatching(message)])
    expect(existsSync(join(cwd, 'app.db'))).toBe(false)
  })
})
