// A throwaway PostgreSQL cluster (Debian's binaries) on a free loopback port, for the benches.
import { execFileSync } from 'node:child_process'
import { chownSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { atExit, freePort } from './process.mjs'

const asPostgres = (command) => execFileSync('su', ['postgres', '-s', '/bin/bash', '-c', command], { stdio: 'pipe' })

/** Starts a cluster (durability off, plus `settings` such as `shared_buffers=256MB`) that is stopped and removed at exit. */
export async function startPostgres(settings = []) {
  const bin = `/usr/lib/postgresql/${
    execFileSync('ls', ['/usr/lib/postgresql'])
      .toString()
      .trim()
      .split('\n')
      .sort((a, b) => b - a)[0]
  }/bin`
  const dir = mkdtempSync(join(tmpdir(), 'bench-pg-'))
  chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'])), Number(execFileSync('id', ['-g', 'postgres'])))
  const port = await freePort()
  const options = ['listen_addresses=127.0.0.1', 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off', ...settings].map((s) => `-c ${s}`).join(' ')
  asPostgres(`${bin}/initdb -D ${dir}/data -U postgres --auth=trust -E UTF8 --no-locale --no-sync >/dev/null`)
  asPostgres(`${bin}/pg_ctl -D ${dir}/data -l ${dir}/log -w -o "-p ${port} -k ${dir} ${options}" start >/dev/null`)
  atExit(() => {
    asPostgres(`${bin}/pg_ctl -D ${dir}/data -m immediate -w stop >/dev/null 2>&1 || true`)
    rmSync(dir, { recursive: true, force: true })
  })
  return { port, bin }
}
