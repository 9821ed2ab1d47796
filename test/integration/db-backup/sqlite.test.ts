import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { cleanup, runAction, type RunResult } from '../../support/runner.js'
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
describe('db-backup: SQLite (online backup API) to a local directory, run as the runner runs it', () => {
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
    live.exec("PRAGMA journal_mode = WAL; CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL); CREATE TABLE tags (note INTEGER, tag TEXT); CREATE INDEX tags_note ON tags(note)")
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
})
