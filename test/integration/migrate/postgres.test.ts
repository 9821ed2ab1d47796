import { describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import pg from 'pg'
import { advisoryLockKey } from '../../../actions/migrate/src/database/history-table.js'
import { actionEntry, runAction, type RunResult } from '../../support/runner.js'
import { node24 } from '../../support/paths.js'
import { threeMigrations } from './migrations-dir.js'
import { postgresFixture } from './postgres-fixture.js'

// The built-in runner against a real PostgreSQL 15 server, run as the GitHub runner runs the bundle.
describe('migrate on PostgreSQL (built-in runner, runner contract)', () => {
  const postgres = postgresFixture('app')
  const freshDatabase = postgres.fresh
  const folder = postgres.folder
  const migrate = (inputs: Record<string, string>, env: Record<string, string> = {}): Promise<RunResult> => runAction({ action: 'migrate', inputs, env, timeoutMs: 60_000 })
  const tables = (sql: (q: string) => string): string => sql("SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'")

  it('applies pending migrations in version order, records them, and then has nothing to do', async () => {
    const db = freshDatabase()
    const dir = folder(threeMigrations)
    const first = await migrate({ 'database-url': db.url, directory: dir.path })
    expect(first.errors).toEqual([])
    expect(first.exitCode).toBe(0)
    expect(first.outputs['applied-count']).toBe('3')
    expect(first.outputs['pending-count']).toBe('0')
    expect(first.outputs['current-version']).toBe('003')
    const applied = JSON.parse(first.outputs.applied) as { version: string; name: string; durationMs: number }[]
    expect(applied.map((a) => `${a.version}_${a.name}`)).toEqual(['001_create_users', '002_create_orders', '003_add_user_name'])
    expect(tables(db.sql)).toBe('deploy_actions_migrations,orders,users')
    expect(db.sql('SELECT name FROM users')).toBe('Ada')
    const history = db.sql(
      "SELECT version || '|' || name || '|' || length(checksum) || '|' || (duration_ms >= 0) || '|' || applied_by || '|' || run_url FROM deploy_actions_migrations ORDER BY version"
    )
    expect(history.split('\n')).toEqual([
      '001|create_users|64|true|octocat|https://github.com/octo-org/shop/actions/runs/1658821493',
      '002|create_orders|64|true|octocat|https://github.com/octo-org/shop/actions/runs/1658821493',
      '003|add_user_name|64|true|octocat|https://github.com/octo-org/shop/actions/runs/1658821493'
    ])
    expect(first.summary).toContain('| migration | file | duration | status |')
    expect(first.summary).toMatch(/`002` create_orders \| .*002_create_orders\.sql \| \d+ ms \| ✅ applied/)

    const second = await migrate({ 'database-url': db.url, directory: dir.path })
    expect(second.exitCode).toBe(0)
    expect(second.outputs['applied-count']).toBe('0')
    expect(second.outputs['pending-count']).toBe('0')
    expect(second.outputs.applied).toBe('[]')
    expect(second.summary).toContain('Nothing to apply')
  })

  it('stops at a failing migration in the middle of three, leaving the database as it was before it', async () => {
    const db = freshDatabase()
    const dir = folder({
      '001_create_users.sql': threeMigrations['001_create_users.sql'],
      '002_broken.sql': 'CREATE TABLE audit (id serial PRIMARY KEY);\nINSERT INTO audit DEFAULT VALUES;\nSELECT nme\n  FROM users;\n',
      '003_create_orders.sql': 'CREATE TABLE orders (id serial PRIMARY KEY);\n'
    })
    const result = await migrate({ 'database-url': db.url, directory: dir.path })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain(`${dir.path}/002_broken.sql:3:8: column "nme" does not exist (PostgreSQL 42703).`)
    expect(result.errors[0]).toContain('rolled back: the database is exactly as it was before this migration')
    // The annotation points at the file, line and column.
    expect(result.stdout).toMatch(new RegExp(`::error title=Migration failed,file=${dir.path}/002_broken\\.sql,line=3,col=8::`))
    expect(tables(db.sql)).toBe('deploy_actions_migrations,users')
    expect(db.sql("SELECT string_agg(version, ',') FROM deploy_actions_migrations")).toBe('001')
    expect(result.outputs['applied-count']).toBe('1')
    expect(result.outputs['pending-count']).toBe('2')
    expect(result.summary).toMatch(/002_broken\.sql \| {2}\| ❌ failed/)
  })

  it('fails when an applied migration was edited, showing both checksums, unless allow-changed', async () => {
    const db = freshDatabase()
    const dir = folder({ '001_create_users.sql': threeMigrations['001_create_users.sql'] })
    expect((await migrate({ 'database-url': db.url, directory: dir.path })).exitCode).toBe(0)
    const before = db.sql('SELECT checksum FROM deploy_actions_migrations')
    dir.write('001_create_users.sql', threeMigrations['001_create_users.sql'].replace('email text', 'mail text'))
    dir.write('002_create_orders.sql', 'CREATE TABLE orders (id serial PRIMARY KEY);\n')
    const edited = await migrate({ 'database-url': db.url, directory: dir.path })
    expect(edited.exitCode).toBe(1)
    expect(edited.errors[0]).toMatch(
      new RegExp(`^migrate failed: nothing was changed: .*001_create_users\\.sql was changed after it was applied \\(checksum when applied: ${before}, now: [0-9a-f]{64}\\)`)
    )
    expect(edited.stdout).toContain(`::error title=Migration check failed,file=${dir.path}/001_create_users.sql,line=1::`)
    expect(edited.summary).toContain('### ❌ migrate failed')
    expect(edited.summary).toContain('was changed after it was applied')
    expect(edited.outputs['applied-count']).toBe('0')
    expect(tables(db.sql)).toBe('deploy_actions_migrations,users')

    const allowed = await migrate({ 'database-url': db.url, directory: dir.path, 'allow-changed': 'true' })
    expect(allowed.exitCode).toBe(0)
    expect(allowed.warnings.some((w) => w.includes('was changed after it was applied'))).toBe(true)
    expect(allowed.outputs['applied-count']).toBe('1')
  })

  it('refuses a new migration older than the latest applied one unless allow-out-of-order', async () => {
    const db = freshDatabase()
    const dir = folder({ '001_a.sql': 'CREATE TABLE a ();', '003_c.sql': 'CREATE TABLE c ();' })
    expect((await migrate({ 'database-url': db.url, directory: dir.path })).exitCode).toBe(0)
    dir.write('002_b.sql', 'CREATE TABLE b ();')
    const refused = await migrate({ 'database-url': db.url, directory: dir.path })
    expect(refused.exitCode).toBe(1)
    expect(refused.errors[0]).toContain('002_b.sql is new but older than the latest applied version 003')
    const allowed = await migrate({ 'database-url': db.url, directory: dir.path, 'allow-out-of-order': 'true' })
    expect(allowed.exitCode).toBe(0)
    expect(tables(db.sql)).toBe('a,b,c,deploy_actions_migrations')
  })

  it('dry-run lists pending migrations with their SQL and changes nothing', async () => {
    const db = freshDatabase()
    const dir = folder(threeMigrations)
    const result = await migrate({ 'database-url': db.url, directory: dir.path, 'dry-run': 'true' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs['pending-count']).toBe('3')
    expect(result.outputs['applied-count']).toBe('0')
    expect(result.summary).toContain('CREATE TABLE orders (')
    expect(result.summary).toContain('⏳ pending')
    expect(tables(db.sql)).toBe('') // not even the history table
    expect(db.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).toBe('0')
  })

  it('applies up to a target version, then reverts with direction down and steps', async () => {
    const db = freshDatabase()
    const dir = folder(threeMigrations)
    const partial = await migrate({ 'database-url': db.url, directory: dir.path, target: '002' })
    expect(partial.exitCode).toBe(0)
    expect(partial.outputs['applied-count']).toBe('2')
    expect(partial.outputs['pending-count']).toBe('1')
    expect(partial.outputs['current-version']).toBe('002')
    expect((await migrate({ 'database-url': db.url, directory: dir.path })).outputs['applied-count']).toBe('1')

    const down = await migrate({ 'database-url': db.url, directory: dir.path, direction: 'down', steps: '2' })
    expect(down.errors).toEqual([])
    expect(down.outputs['applied-count']).toBe('2')
    expect((JSON.parse(down.outputs.applied) as { version: string; direction: string }[]).map((a) => `${a.version}:${a.direction}`)).toEqual(['003:down', '002:down'])
    expect(down.outputs['current-version']).toBe('001')
    expect(tables(db.sql)).toBe('deploy_actions_migrations,users')
    expect(db.sql("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'name'")).toBe('0')
    expect(down.summary).toContain('↩️ reverted')

    const toZero = await migrate({ 'database-url': db.url, directory: dir.path, direction: 'down', target: '0' })
    expect(toZero.outputs['applied-count']).toBe('1')
    expect(tables(db.sql)).toBe('deploy_actions_migrations')
  })

  it('refuses to revert a migration without a .down.sql file before changing anything', async () => {
    const db = freshDatabase()
    const dir = folder({ '001_a.sql': 'CREATE TABLE a ();', '001_a.down.sql': 'DROP TABLE a;', '002_b.sql': 'CREATE TABLE b ();' })
    expect((await migrate({ 'database-url': db.url, directory: dir.path })).exitCode).toBe(0)
    const result = await migrate({ 'database-url': db.url, directory: dir.path, direction: 'down', steps: '2' })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toContain('002_b.sql has no down migration')
    expect(tables(db.sql)).toBe('a,b,deploy_actions_migrations')
  })

  it('two concurrent runs on one database: one waits for the lock, each migration is applied exactly once', async () => {
    const db = freshDatabase()
    const dir = folder({
      '001_slow.sql': 'CREATE TABLE slow (id int);\nSELECT pg_sleep(2.5);\n',
      '002_b.sql': 'CREATE TABLE b (id int);\n',
      '003_c.sql': 'CREATE TABLE c (id int);\n'
    })
    const [a, b] = await Promise.all([migrate({ 'database-url': db.url, directory: dir.path }), migrate({ 'database-url': db.url, directory: dir.path })])
    expect([a.exitCode, b.exitCode]).toEqual([0, 0])
    expect(Number(a.outputs['applied-count']) + Number(b.outputs['applied-count'])).toBe(3)
    expect([a.outputs['applied-count'], b.outputs['applied-count']].sort()).toEqual(['0', '3'])
    expect([a.outputs['pending-count'], b.outputs['pending-count']]).toEqual(['0', '0'])
    expect(`${a.stdout}${b.stdout}`).toMatch(/Waiting for the migration lock: held by server process \d+ \(deploy-actions migrate\)/)
    expect(db.sql('SELECT count(*), count(DISTINCT version) FROM deploy_actions_migrations')).toBe('3|3')
    expect(tables(db.sql)).toBe('b,c,deploy_actions_migrations,slow')
    expect(db.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).toBe('0')
  })

  it('gives up after lock-timeout while another session holds the lock, naming the holder', async () => {
    const db = freshDatabase()
    const dir = folder({ '001_a.sql': 'CREATE TABLE a ();' })
    const holder = new pg.Client({ connectionString: db.url, application_name: 'release-script' })
    await holder.connect()
    try {
      await holder.query('SELECT pg_advisory_lock($1::bigint)', [advisoryLockKey('deploy_actions_migrations').toString()])
      const result = await migrate({ 'database-url': db.url, directory: dir.path, 'lock-timeout': '1s' })
      expect(result.exitCode).toBe(1)
      expect(result.errors[0]).toMatch(/another run still holds the migration lock after 1\.00 s \(held by server process \d+ \(release-script\)\)/)
      expect(tables(db.sql)).toBe('') // nothing is created before the lock is held
    } finally {
      await holder.end()
    }
  })

  it.each(['SIGINT', 'SIGTERM'] as const)('releases the lock and rolls back the migration in progress when cancelled (%s)', async (signal) => {
    const db = freshDatabase()
    const dir = folder({ '001_a.sql': 'CREATE TABLE a ();', '002_long.sql': 'CREATE TABLE long_running ();\nSELECT pg_sleep(30);\n' })
    const child = spawn(node24, [actionEntry('migrate')], {
      env: { PATH: process.env.PATH ?? '', INPUT_TOOL: 'builtin', 'INPUT_DATABASE-URL': db.url, INPUT_DIRECTORY: dir.path, 'INPUT_LOCK-TIMEOUT': '5m' },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    const started = new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk) => {
        stdout += chunk
        if (stdout.includes('Applying') && stdout.includes('002_long.sql')) resolve()
      })
    )
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
    await started
    await new Promise((r) => setTimeout(r, 300))
    const cancelledAt = Date.now()
    child.kill(signal)
    const code = await exited
    // Well under the migration's pg_sleep(30): the cancel ended it rather than waiting it out.
    expect(Date.now() - cancelledAt).toBeLessThan(25_000)
    expect(code).toBe(1)
    expect(stdout).toContain(`Received ${signal}: cancelling.`)
    expect(db.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).toBe('0')
    expect(db.sql("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'deploy-actions migrate'")).toBe('0')
    expect(tables(db.sql)).toBe('a,deploy_actions_migrations')
    expect(db.sql("SELECT string_agg(version, ',') FROM deploy_actions_migrations")).toBe('001')
  })

  it('runs a CREATE INDEX CONCURRENTLY file outside a transaction, found at plan time or marked -- deploy-actions:no-transaction', async () => {
    const db = freshDatabase()
    const dir = folder({
      '001_users.sql': threeMigrations['001_create_users.sql'],
      '002_index.sql': 'CREATE INDEX CONCURRENTLY users_email_lower ON users (lower(email));\n'
    })
    const found = await migrate({ 'database-url': db.url, directory: dir.path })
    expect(found.errors).toEqual([])
    expect(found.outputs['applied-count']).toBe('2')
    expect(found.warnings.join('\n')).toContain(
      `1 of 2 files runs outside the runner's transaction, statement by statement, as their own tool runs them: ${dir.path}/002_index.sql (CREATE INDEX CONCURRENTLY on line 1 cannot run inside a transaction block)`
    )
    expect(found.summary).toContain(`**Outside a transaction**\n\n- ${dir.path}/002_index.sql: CREATE INDEX CONCURRENTLY on line 1 cannot run inside a transaction block`)

    dir.write(
      '003_index.sql',
      '-- deploy-actions:no-transaction\nCREATE INDEX CONCURRENTLY users_id_email ON users (id, email);\nCREATE INDEX CONCURRENTLY users_id_email ON users (id, email);\n'
    )
    const result = await migrate({ 'database-url': db.url, directory: dir.path })
    expect(result.exitCode).toBe(1)
    // What ran before the failing statement stays, and the migration is not recorded.
    expect(result.errors[0]).toContain('003_index.sql:3:1: relation "users_id_email" already exists (PostgreSQL 42P07).')
    expect(result.errors[0]).toContain(
      "It ran outside the runner's transaction (it starts with -- deploy-actions:no-transaction), so what it committed before the failing statement stays applied"
    )
    expect(db.sql("SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'users'")).toBe('users_email_key,users_email_lower,users_id_email,users_pkey')
    expect(db.sql("SELECT string_agg(version, ',' ORDER BY version) FROM deploy_actions_migrations")).toBe('001,002')
  })

  it('maps an error inside a DO block into the file and carries its context', async () => {
    const db = freshDatabase()
    const dir = folder({ '001_do.sql': 'CREATE TABLE t (id int);\nDO $$\nBEGIN\n  INSERT INTO missing VALUES (1);\nEND\n$$;\n' })
    const result = await migrate({ 'database-url': db.url, directory: dir.path })
    expect(result.exitCode).toBe(1)
    // The statement inside the body is found in the file: line 4, column 15 is "missing".
    expect(result.errors[0]).toContain('001_do.sql:4:15: relation "missing" does not exist (PostgreSQL 42P01). Context: PL/pgSQL function inline_code_block line 3 at SQL statement.')
    expect(result.stdout).toMatch(/::error title=Migration failed,file=.*001_do\.sql,line=4,col=15::/)
    expect(tables(db.sql)).toBe('deploy_actions_migrations')
  })

  it('reports the original error when a migration kills its own connection', async () => {
    const db = freshDatabase()
    const dir = folder({ '001_a.sql': 'CREATE TABLE a ();', '002_b.sql': 'CREATE TABLE b ();\nSELECT pg_terminate_backend(pg_backend_pid());\n', '003_c.sql': 'CREATE TABLE c ();' })
    const result = await migrate({ 'database-url': db.url, directory: dir.path })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(/002_b\.sql(:\d+:\d+)?: terminating connection due to administrator command \(PostgreSQL 57P01\)/)
    expect(result.outputs['applied-count']).toBe('1')
    expect(result.outputs['pending-count']).toBe('2')
    expect(tables(db.sql)).toBe('a,deploy_actions_migrations')
    expect(db.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).toBe('0')
  })

  it('applies statement-timeout to every statement', async () => {
    const db = freshDatabase()
    const dir = folder({ '001_slow.sql': 'CREATE TABLE t ();\nSELECT pg_sleep(3);\n' })
    const result = await migrate({ 'database-url': db.url, directory: dir.path, 'statement-timeout': '500ms' })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toContain('canceling statement due to statement timeout (PostgreSQL 57014)')
    expect(tables(db.sql)).toBe('deploy_actions_migrations')
  })

  it('accepts a migration that holds only comments, and says clearly when the server cannot be reached', async () => {
    const db = freshDatabase()
    const dir = folder({ '001_a.sql': 'CREATE TABLE a ();', '002_note.sql': '-- nothing to do here any more\n' })
    const result = await migrate({ 'database-url': db.url, directory: dir.path })
    expect(result.errors).toEqual([])
    expect(result.outputs['applied-count']).toBe('2')

    // A schema-qualified history table; its schema is created if missing.
    const other = freshDatabase()
    const ops = await migrate({ 'database-url': other.url, directory: dir.path, 'history-table': 'ops.schema_history' })
    expect(ops.errors).toEqual([])
    expect(other.sql("SELECT string_agg(version, ',' ORDER BY version) FROM ops.schema_history")).toBe('001,002')
    const unreachable = await migrate({ 'database-url': 'postgres://app:Hidden-9@127.0.0.1:1/app', directory: dir.path })
    expect(unreachable.exitCode).toBe(1)
    expect(unreachable.errors).toEqual(['migrate failed: cannot connect to PostgreSQL database "app" on 127.0.0.1:1 as app: connect ECONNREFUSED 127.0.0.1:1'])
  })

  it('masks the database URL and its password and never prints them', async () => {
    const db = freshDatabase()
    const dir = folder({ '001_a.sql': 'CREATE TABLE a ();', '002_bad.sql': 'SELEC 1;' })
    // Trust authentication accepts any password, so a URL with one connects.
    const url = db.url.replace('postgres@', 'postgres:S3cret-p%40ss@')
    const result = await migrate({ 'database-url': url, directory: dir.path, 'backup-id': 'pre-migrate-20261122' })
    expect(result.exitCode).toBe(1)
    // Workflow commands escape % as %25.
    expect(result.stdout).toContain(`::add-mask::${url.replace(/%/g, '%25')}`)
    expect(result.stdout).toContain('::add-mask::S3cret-p@ss')
    const printed = result.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n')
    for (const secret of [url, 'S3cret-p%40ss', 'S3cret-p@ss']) {
      expect(printed).not.toContain(secret)
      expect(result.summary).not.toContain(secret)
      expect(JSON.stringify(result.outputs)).not.toContain(secret)
    }
    expect(result.errors[0]).toContain('002_bad.sql:1:1: syntax error at or near "SELEC"')
    expect(result.summary).toContain('The backup `pre-migrate-20261122` (from db-backup) holds the database as it was before this run')
  })
})
