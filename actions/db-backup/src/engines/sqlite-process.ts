import { runTool } from '../../../../packages/backup/tool-process.js'

/**
 * SQLite work that can take long (copying the database, checking a restored file) runs in a
 * child Node process, not in this one: node:sqlite is synchronous, so in-process it would block
 * the event loop, and neither the `timeout` input nor a cancelled job could stop it. A child is
 * killed on abort, and SQLite leaves the source untouched (the copy is only ever read from it).
 */

export type SqliteTask =
  /** Reads the version and the number of user tables. */
  | { task: 'facts'; path: string; lockWaitMs?: number }
  /**
   * A consistent copy with VACUUM INTO: one read transaction, so writers in WAL mode keep
   * committing and the copy is never restarted (the online backup API restarts whenever another
   * connection writes, and under steady writes never finishes).
   */
  | { task: 'copy'; path: string; target: string; lockWaitMs?: number }
  /** Version, tables and PRAGMA integrity_check of a restored file (opened read-write so a WAL copy checkpoints). */
  | { task: 'inspect'; path: string; lockWaitMs?: number }

export interface SqliteFacts {
  version: string
  tables: number
  integrity?: string
}

// Runs with `node --input-type=module -e`; the task comes in an environment variable, the answer goes out as JSON.
const SCRIPT = `
const { DatabaseSync } = await import('node:sqlite')
const job = JSON.parse(process.env.DA_SQLITE_TASK)
// Wait for a writer's lock up to the run's timeout: the parent kills this process sooner on timeout
// or cancellation; the bound only matters if the parent itself was killed outright.
const db = new DatabaseSync(job.path, { readOnly: job.task !== 'inspect', timeout: Math.min(job.lockWaitMs ?? 2147483647, 2147483647) })
try {
  const facts = () => ({
    version: String(db.prepare('SELECT sqlite_version() AS v').get().v),
    tables: Number(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").get().n)
  })
  if (job.task === 'copy') db.prepare('VACUUM INTO ?').run(job.target)
  const answer = job.task === 'inspect' ? { ...facts(), integrity: db.prepare('PRAGMA integrity_check').all().map((r) => r.integrity_check).join('; ') } : facts()
  process.stdout.write(JSON.stringify(answer))
} finally {
  db.close()
}
`

export async function runSqliteTask(task: SqliteTask, signal?: AbortSignal): Promise<SqliteFacts> {
  const tool = runTool(process.execPath, ['--no-warnings', '--input-type=module', '-e', SCRIPT], { env: { DA_SQLITE_TASK: JSON.stringify(task) }, signal, redact: cleanNodeError })
  let out = ''
  tool.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')))
  try {
    await tool.exited
  } catch (error) {
    throw new Error((error as Error).message.replace(/^\S+ (exited|was killed)/, 'SQLite $1'), { cause: error })
  }
  return JSON.parse(out) as SqliteFacts
}

/** The useful line of a Node stack trace from the child (e.g. "Error: database disk image is malformed"). */
function cleanNodeError(stderr: string): string {
  const line = stderr.split(/ \| |\n/).find((l) => /^\s*\w*Error:/.test(l))
  return (line ?? stderr).trim()
}
