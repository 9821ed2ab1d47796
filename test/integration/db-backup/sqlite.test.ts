import { spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { node24 } from '../../support/paths.js'
import { actionEntry, cleanup, runAction, type RunResult } from '../../support/runner.js'
import { expectFailure, expectSuccess, KEY, OTHER_KEY } from './helpers.js'

function fingerprint(path: string): string {
  const db = new DatabaseSync(path, { readOnly: true })
  try {
    const row = db.prepare("SELECT count(*) AS n, group_concat(id || ':' || body, ',') AS all_rows FROM (SELECT * FROM notes ORDER BY id)").get() as { n: number; all_rows: string }
    return `${row.n}:${row.all_rows.length}:${row.all_rows.slice(0, 64)}`
  } finally {
    db.close()
  }
}

// A real SQLite database in WAL mode, held open by a writer while the bundle (run as the runner runs it) backs it up.
describe('db-backup: SQLite (VACUUM INTO) to a local directory, run as the runner runs it', () => {
  let dir: string
  let dbPath: string
  let live: DatabaseSync
  let closed = false
  const runs: RunResult[] = []
  const run = async (inputs: Record<string, string>): Promise<RunResult> => {
    const result = await runAction({ action: 'db-backup', inputs: { engine: 'sqlite', destination: join(dir, 'backups'), ...inputs }, timeoutMs: 60_000 })
    runs.push(result)
    return result
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'db-backup-sqlite-'))
    dbPath = join(dir, 'app.db')
    live = new DatabaseSync(dbPath)
    live.exec('PRAGMA journal_mode = WAL; CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL); CREATE TABLE tags (note INTEGER, tag TEXT); CREATE INDEX tags_note ON tags(note)')
    const insert = live.prepare('INSERT INTO notes (body) VALUES (?)')
    live.exec('BEGIN')
    for (let i = 0; i < 5000; i++) insert.run(`note ${i} ${'lorem ipsum '.repeat(i % 20)}`)
    live.exec('COMMIT')
  })

  afterAll(async () => {
    if (!closed) live?.close()
    await Promise.all(runs.map(cleanup))
    rmSync(dir, { recursive: true, force: true })
  })

  it('backs up a live WAL database (verified with PRAGMA integrity_check), then restores it over a changed file atomically', async () => {
    const before = fingerprint(dbPath)
    const backup = await run({ 'database-url': `sqlite://${dbPath}`, 'encryption-key': KEY, 'deployment-id': 'sq-1' })
    expectSuccess(backup)
    expect(backup.stdout).toContain('verified: sha256 re-read and matched; PRAGMA integrity_check ok on the restored copy: 2 tables')
    expect(backup.outputs.uri).toMatch(/\.sqlite\.zst\.enc$/)

    live.exec("DELETE FROM notes WHERE id > 100; INSERT INTO notes (body) VALUES ('after the backup')")
    live.close()
    closed = true
    expect(fingerprint(dbPath)).not.toBe(before)

    const wrongKey = await run({ mode: 'restore', 'database-url': `sqlite://${dbPath}`, uri: backup.outputs.uri, 'encryption-key': OTHER_KEY })
    expectFailure(wrongKey, 'Input "encryption-key" cannot decrypt backup')
    const changed = fingerprint(dbPath)
    expect(changed).not.toBe(before)

    const restore = await run({ mode: 'restore', 'database-url': `sqlite://${dbPath}`, uri: backup.outputs.uri, 'encryption-key': KEY })
    expectSuccess(restore)
    expect(fingerprint(dbPath)).toBe(before)
    // Nothing left beside it: no restore file or its WAL.
    expect(readdirSync(dir).filter((f) => f.startsWith('.app.db.restore-'))).toEqual([])
  })

  it('a missing database file fails before any write, naming database-url', async () => {
    const result = await run({ 'database-url': `sqlite://${join(dir, 'nope.db')}`, destination: join(dir, 'never') })
    expectFailure(result, 'Input "database-url" names the SQLite database')
    expect(() => readdirSync(join(dir, 'never'))).toThrow()
  })

  it('a relative destination (scheme forgotten) fails naming the input, and nothing is written in the workspace', async () => {
    const result = await run({ 'database-url': `sqlite://${dbPath}`, destination: 'company-backups/shop' })
    expectFailure(result, 'Input "destination" is "company-backups/shop", a relative path with no scheme (it would be a folder of the workspace)')
    expect(existsSync(join(result.workDir, 'company-backups'))).toBe(false)
  })

  it('an environment that would be reshaped fails naming the input and the allowed pattern, and nothing is written', async () => {
    const result = await run({ 'database-url': `sqlite://${dbPath}`, destination: join(dir, 'reshaped'), environment: '../../escape' })
    expectFailure(result, 'Input "environment" is "../../escape", which a backup\'s name cannot hold as written; expected 1–100 letters, digits, dots, underscores and hyphens')
    expect(existsSync(join(dir, 'reshaped'))).toBe(false)
  })

  it('an input with a control character fails naming the input and its position, never its value, and nothing is written', async () => {
    const result = await run({ 'database-url': `sqlite://${dbPath}\nsecret-tail`, destination: join(dir, 'control') })
    expectFailure(result, 'Input "database-url" has a control character (U+000A at position')
    expect(result.errors.join('\n')).not.toContain('secret-tail')
    expect(existsSync(join(dir, 'control'))).toBe(false)
  })
})

// Seed 004's case: one server, SQLite, traffic all day. Another process commits a small
// transaction every 5 ms for the whole run; the backup must still finish, and the timeout must stop it.
describe('db-backup: SQLite under steady writes from another process, run as the runner runs it', () => {
  let dir: string
  let dbPath: string
  let writer: ChildProcess
  const runs: RunResult[] = []
  const run = async (inputs: Record<string, string>, env: Record<string, string> = {}): Promise<RunResult> => {
    const result = await runAction({
      action: 'db-backup',
      inputs: { engine: 'sqlite', 'database-url': `sqlite://${dbPath}`, destination: join(dir, 'backups'), ...inputs },
      env,
      timeoutMs: 120_000
    })
    runs.push(result)
    return result
  }
  const ticks = (): number => {
    const db = new DatabaseSync(dbPath, { readOnly: true, timeout: 5000 })
    try {
      return Number((db.prepare('SELECT count(*) AS n FROM ticks').get() as { n: number }).n)
    } finally {
      db.close()
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'db-backup-sqlite-live-'))
    dbPath = join(dir, 'live.db')
    const db = new DatabaseSync(dbPath)
    db.exec('PRAGMA journal_mode = WAL; CREATE TABLE pages (id INTEGER PRIMARY KEY, body TEXT NOT NULL); CREATE TABLE ticks (id INTEGER PRIMARY KEY, at TEXT)')
    const insert = db.prepare('INSERT INTO pages (body) VALUES (?)')
    db.exec('BEGIN')
    for (let i = 0; i < 30_000; i++) insert.run(`${i} `.repeat(200 + (i % 100)))
    db.exec('COMMIT')
    db.close()
    // The writer: its own process and connection, a one-row transaction every 5 ms, for as long as the tests run.
    const script = `const { DatabaseSync } = await import('node:sqlite'); const db = new DatabaseSync(process.argv[1], { timeout: 10000 }); const tick = db.prepare("INSERT INTO ticks (at) VALUES (datetime('now'))"); setInterval(() => { tick.run(); }, 5); process.stdout.write('writing\\n')`
    writer = spawn(node24, ['--no-warnings', '--input-type=module', '-e', script, dbPath], { stdio: ['ignore', 'pipe', 'inherit'] })
    await new Promise<void>((ready) => writer.stdout!.once('data', () => ready()))
  })

  afterAll(async () => {
    writer?.kill('SIGKILL')
    await Promise.all(runs.map(cleanup))
    rmSync(dir, { recursive: true, force: true })
  })

  it('finishes a verified backup while the writer keeps committing, and the copy is a consistent snapshot', async () => {
    const before = ticks()
    const backup = await run({ timeout: '90s', 'deployment-id': 'live-1' })
    expectSuccess(backup)
    const after = ticks()
    // The writer ran throughout: it committed during the backup and is still running.
    expect(after).toBeGreaterThan(before)
    expect(writer.exitCode).toBeNull()
    expect(backup.stdout).toContain('verified: sha256 re-read and matched; PRAGMA integrity_check ok on the restored copy: 2 tables')

    const restoredPath = join(dir, 'restored.db')
    const restore = await run({ mode: 'restore', 'database-url': `sqlite://${restoredPath}`, uri: backup.outputs.uri })
    expectSuccess(restore)
    const copy = new DatabaseSync(restoredPath, { readOnly: true })
    try {
      const copied = Number((copy.prepare('SELECT count(*) AS n FROM ticks').get() as { n: number }).n)
      expect(copied).toBeGreaterThanOrEqual(before)
      expect(copied).toBeLessThanOrEqual(after)
      expect(Number((copy.prepare('SELECT count(*) AS n FROM pages').get() as { n: number }).n)).toBe(30_000)
    } finally {
      copy.close()
    }
  })

  it("the summary says which compressor ran: the zstd program with -T0 when on PATH, Node's stream when not", async () => {
    const withProgram = await run({ verify: 'false', 'deployment-id': 'zstd-program' })
    expectSuccess(withProgram)
    expect(withProgram.summary).toMatch(/\| compression \| zstd: zstd -3 -T0 \(the zstd program, \/\S+\/zstd\) \|/)
    // SQLite needs no tool on PATH (its work runs in Node), so a PATH without zstd leaves only Node's stream.
    const withoutProgram = await run({ verify: 'false', 'deployment-id': 'zstd-node' }, { PATH: '/nonexistent' })
    expectSuccess(withoutProgram)
    expect(withoutProgram.summary).toContain('| compression | zstd: zstd level 3 (Node zlib stream; no zstd program on PATH) |')
    // Either way the same format: each restores.
    for (const made of [withProgram, withoutProgram]) {
      const target = join(dir, `from-${made.outputs['backup-id']}.db`)
      expectSuccess(await run({ mode: 'restore', 'database-url': `sqlite://${target}`, uri: made.outputs.uri }))
    }
  })

  it('a zstd program that fails mid-stream fails the run and commits nothing', async () => {
    const bin = mkdtempSync(join(dir, 'bin-'))
    writeFileSync(join(bin, 'zstd'), '#!/bin/sh\n/usr/bin/head -c 4096 >/dev/null\necho "zstd: error 70 : Write error : No space left on device" >&2\nexit 70\n')
    chmodSync(join(bin, 'zstd'), 0o755)
    const result = await run({ destination: join(dir, 'zstd-failed'), verify: 'false' }, { PATH: bin })
    expectFailure(result, `${join(bin, 'zstd')} exited with code 70: zstd: error 70 : Write error : No space left on device`)
    expect(
      readdirSync(join(dir, 'zstd-failed'), { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.zst'))
    ).toEqual([])
  })

  it('on a GitHub-hosted runner a local destination warns that the backup will not outlive the job', async () => {
    const result = await run({ verify: 'false', 'deployment-id': 'hosted' }, { RUNNER_ENVIRONMENT: 'github-hosted' })
    expectSuccess(result)
    expect(result.warnings).toEqual([
      `destination ${join(dir, 'backups')} is a directory of this GitHub-hosted runner: the backup will not outlive the job (use azblob://… or s3://…, or upload it as an artifact)`
    ])
  })

  it('timeout stops a copy that waits on a lock, commits nothing and leaves no copy behind', async () => {
    // A second database in rollback-journal mode, locked EXCLUSIVE by this process: every reader waits.
    const lockedPath = join(dir, 'locked.db')
    const locked = new DatabaseSync(lockedPath)
    locked.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1); BEGIN EXCLUSIVE; INSERT INTO t VALUES (2)')
    try {
      const result = await run({ 'database-url': `sqlite://${lockedPath}`, destination: join(dir, 'timed-out'), timeout: '2s' })
      expectFailure(result, 'db-backup failed: did not finish within 2.00 s (input "timeout"); nothing was committed')
      expect(existsSync(join(dir, 'timed-out'))).toBe(false)
      expect(readdirSync(result.workDir).filter((f) => f.startsWith('db-backup-'))).toEqual([])
      // The SQLite child that was waiting on the lock was killed with the run, not left behind.
      expect(processesNaming(lockedPath)).toEqual([])
    } finally {
      locked.exec('ROLLBACK')
      locked.close()
    }
  })

  it('a cancelled job (SIGINT, as the runner sends) stops SQLite work waiting on a lock and commits nothing', async () => {
    const lockedPath = join(dir, 'locked-cancel.db')
    const locked = new DatabaseSync(lockedPath)
    locked.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1); BEGIN EXCLUSIVE; INSERT INTO t VALUES (2)')
    // The harness gives no handle on the process, so the bundle is started here the same way.
    const work = mkdtempSync(join(dir, 'cancel-'))
    writeFileSync(join(work, 'output'), '')
    const env = {
      PATH: process.env.PATH,
      HOME: work,
      RUNNER_TEMP: work,
      GITHUB_OUTPUT: join(work, 'output'),
      GITHUB_RUN_ID: '78',
      INPUT_ENGINE: 'sqlite',
      'INPUT_DATABASE-URL': `sqlite://${lockedPath}`,
      INPUT_DESTINATION: join(dir, 'cancelled')
    }
    try {
      const child = spawn(node24, [actionEntry('db-backup')], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] })
      let stdout = ''
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
      // Once the SQLite child is waiting on the lock, cancel.
      while (processesNaming(lockedPath).length === 0 && child.exitCode === null) await new Promise((tick) => setTimeout(tick, 50))
      child.kill('SIGINT')
      const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)))
      expect(code).toBe(1)
      expect(stdout).toContain('::error::db-backup failed: cancelled (SIGINT); nothing was committed')
      expect(existsSync(join(dir, 'cancelled'))).toBe(false)
      expect(processesNaming(lockedPath)).toEqual([])
    } finally {
      locked.exec('ROLLBACK')
      locked.close()
    }
  })
})

/** SQLite child processes working on `path` (the child gets its task in DA_SQLITE_TASK). */
function processesNaming(path: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid)
    .filter((pid) => {
      try {
        const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')
        return environ.some((entry) => entry.startsWith('DA_SQLITE_TASK=') && entry.includes(path))
      } catch {
        return false
      }
    })
    .map(Number)
}
