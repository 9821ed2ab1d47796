import { randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { open as openFile, rename, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { Readable } from 'node:stream'
import { InputError } from '../../../../packages/core/input-error.js'
import { runSqliteTask, type SqliteFacts } from './sqlite-process.js'
import type { SqliteDatabaseUrl } from '../../../../packages/db/database-url.js'
import type { DatabaseEngine, DumpSource, RestoreTarget, ServerFacts } from './engine.js'

/**
 * SQLite: a consistent copy of the live database with VACUUM INTO (readers and writers keep
 * going, and the copy finishes under steady writes), then the same pipeline as the server engines.
 * Restores write a new file beside the target, check it with PRAGMA integrity_check, and rename it
 * into place. Every SQLite call runs in a child process (sqlite-process.ts) so a timeout or a
 * cancelled job stops it.
 */
export function sqliteEngine(url: SqliteDatabaseUrl, options: { workDir?: string; lockWaitMs?: number } = {}): DatabaseEngine {
  const path = resolve(url.path)
  const workDir = options.workDir ?? (process.env.RUNNER_TEMP || tmpdir())
  const lockWaitMs = options.lockWaitMs

  /** Checks a restored file; its -wal/-shm (a WAL-mode copy checkpoints on close) are removed after. */
  async function inspect(file: string, signal?: AbortSignal): Promise<SqliteFacts> {
    try {
      return await runSqliteTask({ task: 'inspect', path: file, lockWaitMs }, signal)
    } finally {
      await removeSidecars(file)
    }
  }

  async function decodeTo(file: string, open: () => Promise<Readable>): Promise<void> {
    const source = await open()
    await pipeline(source, createWriteStream(file, { mode: 0o600 }))
    const handle = await openFile(file, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  }

  return {
    name: 'sqlite',
    description: `SQLite database ${url.path}`,

    async probe({ signal }): Promise<ServerFacts> {
      if (url.path === ':memory:') throw new InputError('database-url', 'names an in-memory SQLite database, which cannot be backed up', 'a URL such as sqlite:path/to/app.db')
      let info: SqliteFacts
      try {
        if (!(await stat(path)).isFile()) throw new Error('not a file')
        info = await runSqliteTask({ task: 'facts', path, lockWaitMs }, signal)
      } catch (error) {
        if (signal?.aborted) throw error
        throw new InputError('database-url', `names the SQLite database ${url.path}, which cannot be opened (${(error as Error).message})`, 'the path of an existing SQLite database file')
      }
      return { serverVersion: `SQLite ${info.version}`, tableCount: info.tables }
    },

    async dump({ signal }): Promise<DumpSource> {
      const copy = join(workDir, `db-backup-${randomBytes(6).toString('hex')}.sqlite`)
      try {
        await runSqliteTask({ task: 'copy', path, target: copy, lockWaitMs }, signal)
      } catch (error) {
        await rm(copy, { force: true })
        throw error
      }
      const stream = createReadStream(copy)
      const done = new Promise<void>((resolveDone, reject) => {
        stream.once('end', resolveDone)
        stream.once('error', reject)
        stream.once('close', () => (stream.readableEnded ? resolveDone() : reject(new Error('the SQLite copy was not read to its end'))))
      })
      done.catch(() => undefined)
      return { stream, done, abort: () => stream.destroy(), cleanup: async () => (await rm(copy, { force: true }), await removeSidecars(copy)) }
    },

    restore(signal): Promise<RestoreTarget> {
      if (url.path === ':memory:') return Promise.reject(new InputError('database-url', 'names an in-memory SQLite database', 'a file path'))
      const incoming = join(dirname(path), `.${basename(path)}.restore-${randomBytes(6).toString('hex')}`)
      const output = createWriteStream(incoming, { mode: 0o600 })
      let aborted = false
      const done = (async () => {
        await new Promise<void>((resolveDone, reject) => {
          output.once('finish', resolveDone)
          output.once('error', reject)
          output.once('close', () => (output.writableFinished ? resolveDone() : reject(new Error('the restore stream was cut short'))))
        })
        try {
          if (aborted) throw new Error('restore aborted')
          const handle = await openFile(incoming, 'r')
          try {
            await handle.sync()
          } finally {
            await handle.close()
          }
          const info = await inspect(incoming, signal)
          if (info.integrity !== 'ok') throw new Error(`the restored SQLite file fails PRAGMA integrity_check: ${info.integrity}`)
          // Stale WAL/SHM files of the old database must not be applied to the new one.
          await removeSidecars(path)
          await rename(incoming, path)
        } catch (error) {
          await rm(incoming, { force: true })
          await removeSidecars(incoming)
          throw error
        }
      })()
      done.catch(() => undefined)
      return Promise.resolve({
        input: output,
        done,
        abort: () => {
          aborted = true
          output.destroy(new Error('restore aborted'))
        }
      })
    },

    async verify(open, facts, signal, logger): Promise<string> {
      const file = join(workDir, `db-backup-verify-${randomBytes(6).toString('hex')}.sqlite`)
      try {
        await decodeTo(file, open)
        logger.info('verify: PRAGMA integrity_check on the restored copy')
        const info = await inspect(file, signal)
        if (info.integrity !== 'ok') throw new Error(`the restored copy fails PRAGMA integrity_check: ${info.integrity}`)
        if (info.tables !== facts.tableCount) throw new Error(`the restored copy has ${info.tables} tables, but the database had ${facts.tableCount}`)
        return `PRAGMA integrity_check ok on the restored copy: ${info.tables} tables`
      } finally {
        await rm(file, { force: true })
        await removeSidecars(file)
      }
    }
  }
}

async function removeSidecars(file: string): Promise<void> {
  for (const suffix of ['-wal', '-shm', '-journal']) await rm(`${file}${suffix}`, { force: true })
}
