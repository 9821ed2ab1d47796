import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from '@jest/globals'
import type { RunResult } from '../../support/runner.js'

/** Shared pieces of the db-backup runner-contract tests. */

export const KEY = Buffer.alloc(32, 0x2a).toString('base64')
export const OTHER_KEY = Buffer.alloc(32, 0x2b).toString('hex')

/**
 * A PATH directory whose `pg_dump` (or `mysqldump`) runs the real tool but cuts its output off
 * after `bytes` bytes and exits 137, as a dump killed half-way would.
 */
export function killedDumpPath(tool: 'pg_dump' | 'mysqldump', bytes = 65_536): string {
  const real = execFileSync('sh', ['-c', `command -v ${tool}`])
    .toString()
    .trim()
  const dir = mkdtempSync(join(tmpdir(), 'killed-dump-'))
  const script = join(dir, tool)
  writeFileSync(script, `#!/bin/sh\n# ${tool}, killed after ${bytes} bytes of output\n"${real}" "$@" | head -c ${bytes}\nexit 137\n`)
  chmodSync(script, 0o755)
  return `${dir}:${process.env.PATH}`
}

/** The action failed with exactly one error line that contains `fragment`, and no stack trace. */
export function expectFailure(result: RunResult, fragment: string): void {
  expect({ exitCode: result.exitCode, errors: result.errors }).toEqual({ exitCode: 1, errors: [expect.stringContaining(fragment)] })
  expect(result.stdout).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/)
}

export function expectSuccess(result: RunResult): void {
  if (result.exitCode !== 0) throw new Error(`action failed (exit ${result.exitCode}):\n${result.stdout}\n${result.stderr}`)
}

export const SEED_SQL = `
  CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, email text);
  CREATE TABLE orders (id bigserial PRIMARY KEY, customer int REFERENCES customers(id), total numeric(10,2), note text, at timestamptz DEFAULT now());
  INSERT INTO customers SELECT g, 'customer ' || g, 'c' || g || '@example.com' FROM generate_series(1, 2000) g;
  INSERT INTO orders (customer, total, note) SELECT 1 + g % 2000, (g % 997) * 1.25, md5(g::text) || repeat('x', g % 50) FROM generate_series(1, 20000) g;
  CREATE VIEW big_spenders AS SELECT customer, sum(total) FROM orders GROUP BY customer HAVING sum(total) > 5000;`

export const FINGERPRINT_SQL = `SELECT (SELECT count(*) FROM customers) || ':' || (SELECT count(*) FROM orders) || ':' || (SELECT md5(string_agg(id::text || ':' || customer || ':' || total || ':' || note, ',' ORDER BY id)) FROM orders)`

/** A PATH directory whose `pg_dump` answers --version like the real one, then hangs without output. */
export function hangingDumpPath(): string {
  const real = execFileSync('sh', ['-c', 'command -v pg_dump']).toString().trim()
  const dir = mkdtempSync(join(tmpdir(), 'hanging-dump-'))
  const script = join(dir, 'pg_dump')
  writeFileSync(script, `#!/bin/sh\n[ "$1" = "--version" ] && exec "${real}" --version\nexec sleep 30\n`)
  chmodSync(script, 0o755)
  return `${dir}:${process.env.PATH}`
}
