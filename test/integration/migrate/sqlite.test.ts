import { afterAll, describe, expect, it } from '@jest/globals'
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAction, type RunResult } from '../../support/runner.js'
import { migrationFolders, threeMigrations } from './migrations-dir.js'

// The built-in runner on real SQLite files (Node 24's node:sqlite), inspected with the sqlite3 CLI.
describe('migrate on SQLite (built-in runner, runner contract)', () => {
  const root = mkdtempSync(join(tmpdir(), 'migrate-sqlite-'))
  let count = 0
  afterAll(() => {
    rmSync(root, { recursive: true, force: true })
  })

  const database = (): { url: string; sql: (q: string) => string } => {
    const file = join(root, `app-${++count}.db`)
    return { url: `sqlite://${file}`, sql: (q) => execFileSync('sqlite3', [file, q]).toString().trim() }
  }
  const folder = migrationFolders()
  const migrate = (inputs: Record<string, string>): Promise<RunResult> => runAction({ action: 'migrate', inputs })
  const tables = (sql: (q: string) => string): string =>
    sql("SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name)")

  it('applies migrations with their history, then reverts with direction down', async () => {
    const db = database()
    const dir = folder({
      ...threeMigrations,
      '001_create_users.sql': 'CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE);\n',
      '002_create_orders.sql':
        'CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id), total REAL);\n' +
        'CREATE TRIGGER orders_total AFTER INSERT ON orders BEGIN\n  UPDATE orders SET total = coalesce(total, 0) WHERE id = NEW.id;\nEND;\n'
    })
    const result = await migrate({ 'database-url': db.url, directory: dir.path })
    expect(result.errors).toEqual([])
    expect(result.outputs['applied-count']).toBe('3')
    expect(result.outputs['current-version']).toBe('003')
    expect(tables(db.sql)).toBe('deploy_actions_migrations,orders,users')
    expect(db.sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")).toBe('orders_total')
    expect(db.sql("SELECT group_concat(version || ':' || applied_by, ',') FROM deploy_actions_migrations")).toBe('001:octocat,002:octocat,003:octocat')

    const down = await migrate({ 'database-url': db.url, directory: dir.path, direction: 'down' })
    expect(down.outputs['applied-count']).toBe('1')
    expect(down.outputs['current-version']).toBe('002')
    expect(db.sql("SELECT count(*) FROM pragma_table_info('users') WHERE name = 'name'")).toBe('0')
  })

  it("splits SQLite's SQL with the runner's own splitter: what PostgreSQL's grammar refuses applies", async () => {
    const db = database()
    const dir = folder({
      '001_events.sql':
        'CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT);\nCREATE TABLE log (n INTEGER);\n' +
        "CREATE TRIGGER count_events AFTER INSERT ON events BEGIN\n  INSERT INTO log VALUES (NEW.id);\n  UPDATE log SET n = n + 0 WHERE n = NEW.id;\nEND;\nINSERT INTO events (kind) VALUES ('a;b');\n"
    })
    const result = await migrate({ 'database-url': db.url, directory: dir.path })
    expect(result.errors).toEqual([])
    expect(result.outputs['applied-count']).toBe('1')
    expect(db.sql("SELECT kind || ':' || (SELECT n FROM log) FROM events")).toBe('a;b:1')
  })

  it('rolls back a failing migration and names its file and line', async () => {
    const db = database()
    const dir = folder({
      '001_a.sql': 'CREATE TABLE a (id INTEGER);\n',
      '002_b.sql': 'CREATE TABLE b (id INTEGER);\nINSERT INTO b VALUES (1);\n\nINSERT INTO missing VALUES (1);\n',
      '003_c.sql': 'CREATE TABLE c (id INTEGER);\n'
    })
    const result = await migrate({ 'database-url': db.url, directory: dir.path })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toContain(`${dir.path}/002_b.sql:4:1: no such table: missing`)
    expect(result.stdout).toContain(`file=${dir.path}/002_b.sql,line=4,col=1::`)
    expect(tables(db.sql)).toBe('a,deploy_actions_migrations')
  })

  it('dry-run creates nothing', async () => {
    const db = database()
    const dir = folder(threeMigrations)
    const result = await migrate({ 'database-url': db.url, directory: dir.path, 'dry-run': 'true' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs['pending-count']).toBe('3')
    expect(tables(db.sql)).toBe('')
  })

  it('waits for the write lock of another connection until lock-timeout, then fails naming the input to raise', async () => {
    const db = database()
    const dir = folder({ '001_a.sql': 'CREATE TABLE a (id INTEGER);\n' })
    const file = db.url.replace('sqlite://', '')
    db.sql('CREATE TABLE other (id INTEGER)')
    const holder = spawn('sqlite3', [file], { stdio: ['pipe', 'pipe', 'pipe'] })
    holder.stdin.write("BEGIN IMMEDIATE;\nINSERT INTO other VALUES (1);\nSELECT 'locked';\n")
    await new Promise<void>((resolve) => holder.stdout.on('data', (chunk) => String(chunk).includes('locked') && resolve()))
    try {
      const result = await migrate({ 'database-url': db.url, directory: dir.path, 'lock-timeout': '1s' })
      expect(result.exitCode).toBe(1)
      expect(result.errors).toEqual(['migrate failed: another connection still holds the SQLite write lock after 1.00 s; let it finish, or raise lock-timeout'])
    } finally {
      holder.stdin.end('ROLLBACK;\n')
      await new Promise((resolve) => holder.on('close', resolve))
    }
    expect(tables(db.sql)).toBe('other')
  })

  it('two concurrent runs apply each migration exactly once', async () => {
    const db = database()
    const files: Record<string, string> = {}
    for (let i = 1; i <= 20; i++) files[`${String(i).padStart(3, '0')}_t${i}.sql`] = `CREATE TABLE t${i} (id INTEGER);\nINSERT INTO t${i} VALUES (${i});\n`
    const dir = folder(files)
    const [a, b] = await Promise.all([migrate({ 'database-url': db.url, directory: dir.path }), migrate({ 'database-url': db.url, directory: dir.path })])
    expect([...a.errors, ...b.errors]).toEqual([])
    expect([a.exitCode, b.exitCode]).toEqual([0, 0])
    expect(Number(a.outputs['applied-count']) + Number(b.outputs['applied-count'])).toBe(20)
    expect(db.sql('SELECT count(*), count(DISTINCT version) FROM deploy_actions_migrations')).toBe('20|20')
    expect(db.sql('SELECT sum(id) FROM t20')).toBe('20')
  })
})
