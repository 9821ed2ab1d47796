import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { cleanup, runAction, type RunResult } from '../../support/runner.js'
import { mariaDbInstalled, startMariaDb, type MariaDb } from '../../support/services/mariadb.js'
import { expectFailure, expectSuccess, KEY, killedDumpPath } from './helpers.js'

const FINGERPRINT =
  "SELECT CONCAT((SELECT COUNT(*) FROM products), ':', (SELECT MD5(GROUP_CONCAT(id, name, price, HEX(blob_col) ORDER BY id SEPARATOR ',')) FROM products), ':', (SELECT COUNT(*) FROM reviews))"

// A real MariaDB (Debian's mariadb-server) and the bundle run as the runner runs it.
describe('db-backup: MySQL/MariaDB (mysqldump) to a local directory, run as the runner runs it', () => {
  let db: MariaDb
  let dir: string
  let source: string
  const runs: RunResult[] = []
  const run = async (inputs: Record<string, string>, env: Record<string, string> = {}): Promise<RunResult> => {
    const result = await runAction({ action: 'db-backup', inputs: { engine: 'mysql', destination: dir, ...inputs }, env, timeoutMs: 90_000 })
    runs.push(result)
    return result
  }

  beforeAll(async () => {
    if (!mariaDbInstalled()) throw new Error('mariadb-server is not installed (apt-get install mariadb-server; .ci/run installs it)')
    db = await startMariaDb()
    dir = mkdtempSync(join(tmpdir(), 'db-backup-mysql-'))
    source = db.createDatabase('shop')
    db.sql(
      `CREATE TABLE products (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(200) NOT NULL, price DECIMAL(10,2), blob_col VARBINARY(64)) ENGINE=InnoDB;
       CREATE TABLE reviews (id INT PRIMARY KEY AUTO_INCREMENT, product INT, body TEXT, FOREIGN KEY (product) REFERENCES products(id)) ENGINE=InnoDB;
       INSERT INTO products (name, price, blob_col) SELECT CONCAT('product ', seq, ' ', REPEAT('é', seq % 7)), seq * 1.5, UNHEX(MD5(seq)) FROM seq_1_to_3000;
       INSERT INTO reviews (product, body) SELECT 1 + seq % 3000, CONCAT('review ', seq, ' "quoted" \\\\ backslash') FROM seq_1_to_6000;`,
      'shop'
    )
  })

  afterAll(async () => {
    await Promise.all(runs.map(cleanup))
    await db?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('backs up (verified in a scratch database), restores into a fresh database with the same rows', async () => {
    const backup = await run({ 'database-url': source, 'encryption-key': KEY, 'deployment-id': 'my-1' })
    expectSuccess(backup)
    expect(backup.outputs.uri).toMatch(/\.sql\.zst\.enc$/)
    expect(backup.stdout).toContain('verified: sha256 re-read and matched; mysql restore into a scratch database: 2 tables')
    expect(backup.summary).toMatch(/\| server \| MariaDB 10\./)
    expect(db.sql("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name LIKE 'da_verify_%'")).toBe('0')

    const fresh = db.createDatabase('shop_restored')
    const restore = await run({ mode: 'restore', 'database-url': fresh, uri: backup.outputs.uri, 'encryption-key': KEY })
    expectSuccess(restore)
    expect(db.sql(FINGERPRINT, 'shop_restored')).toBe(db.sql(FINGERPRINT, 'shop'))
  })

  it('a mysqldump killed midway leaves nothing in the destination', async () => {
    const killed = await run({ 'database-url': source, environment: 'killed' }, { PATH: killedDumpPath('mysqldump', 20_000) })
    expectFailure(killed, 'mysqldump exited with code 137')
    expect(() => readdirSync(join(dir, 'killed'))).not.toThrow()
    expect(readdirSync(join(dir, 'killed'))).toEqual([])
  })

  it('an unreachable server fails before any write, naming database-url', async () => {
    const result = await run({ 'database-url': 'mysql://root:pw@127.0.0.1:1/shop', environment: 'unreachable' })
    expectFailure(result, 'Input "database-url" points at MySQL database "shop" on 127.0.0.1:1 as root, which cannot be reached')
    expect(() => readdirSync(join(dir, 'unreachable'))).toThrow()
  })
})
