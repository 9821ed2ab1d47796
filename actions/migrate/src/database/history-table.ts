import { createHash } from 'node:crypto'

/** Names and keys derived from the history table's name. Pure. */

/** Quotes a possibly schema-qualified identifier: app.history → "app"."history". */
export function quoteQualified(name: string): string {
  return name
    .split('.')
    .map((part) => `"${part.replace(/"/g, '""')}"`)
    .join('.')
}

/**
 * The PostgreSQL advisory lock key for a history table: the first 8 bytes of a sha256, as a
 * signed 64-bit integer (what pg_try_advisory_lock(bigint) takes). Runs that share a history
 * table share the lock; advisory locks are per database already.
 */
export function advisoryLockKey(historyTable: string): bigint {
  const digest = createHash('sha256').update(`deploy-actions:migrate:${historyTable}`).digest()
  return digest.readBigInt64BE(0)
}

/** pg_locks shows a bigint advisory key as classid (high 32 bits) and objid (low 32 bits). */
export function advisoryLockParts(key: bigint): { classid: number; objid: number } {
  const unsigned = BigInt.asUintN(64, key)
  return { classid: Number(unsigned >> 32n), objid: Number(unsigned & 0xffffffffn) }
}
