import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { actionEntry, runAction, type RunResult } from '../../support/runner.js'
import { node24, repoRoot } from '../../support/paths.js'
import { startPostgres, type Postgres } from '../../support/services/postgres.js'
import { migrationsDir } from './migrations-dir.js'

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'unit', 'migrate', 'fixtures')

/** Lines a user would see, without the masking commands themselves. */
const visible = (result: RunResult): string =>
  result.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')

/** The log as the GitHub runner shows it: every value registered with ::add-mask:: replaced by ***. */
const asShownByRunner = (result: RunResult): string => {
  const lines = result.stdout.split('\n')
  const masks = lines
    .filter((line) => line.startsWith('::add-mask::'))
    .map((line) => line.slice('::add-mask::'.length).replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%'))
    .sort((a, b) => b.length - a.length)
  return lines
    .filter((line) => !line.startsWith('::add-mask::'))
    .map((line) => masks.reduce((text, mask) => text.split(mask).join('***'), line))
    .join('\n')
}

describe('migrate with tools (runner contract)', () => {
  let server: Postgres
  let count = 0
  const cleanups: (() => void)[] = []
  beforeAll(async () => {
    server = await startPostgres()
  })
  afterAll(async () => {
    for (const cleanup of cleanups) cleanup()
    await server?.stop()
  })
  const database = (): { url: string; name: string } => {
    const name = `tools_${++count}`
    // Trust authentication accepts any password: the URL carries one to prove it is never shown.
    return { name, url: server.createDatabase(name).replace('postgres@', 'postgres:Tool-Secret-42@') }
  }
  const tables = (name: string): string => server.sql("SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'", name)

  it('node-pg-migrate (real, installed from npm): applies, reports applied and pending, dry-run changes nothing', async () => {
    const dir = migrationsDir({
      '1700000000000_create-users.sql': 'CREATE TABLE users (id serial PRIMARY KEY, email text);\n',
      '1700000100000_create-orders.sql': '-- Up Migration\nCREATE TABLE orders (id serial PRIMARY KEY);\n-- Down Migration\nDROP TABLE orders;\n'
    })
    cleanups.push(dir.remove)
    const db = database()
    const common = { tool: 'node-pg-migrate', 'database-url': db.url, directory: dir.path, 'working-directory': repoRoot }

    const dry = await runAction({ action: 'migrate', inputs: { ...common, 'dry-run': 'true' } })
    expect(dry.errors).toEqual([])
    expect(dry.outputs['pending-count']).toBe('2')
    expect(dry.summary).toContain('1700000100000_create-orders')
    // node-pg-migrate --dry-run creates its own bookkeeping table, but runs no migration.
    expect(tables(db.name)).toBe('pgmigrations')

    const result = await runAction({ action: 'migrate', inputs: common })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.outputs['applied-count']).toBe('2')
    expect(result.outputs['pending-count']).toBe('0')
    expect(JSON.parse(result.outputs.applied)).toEqual([
      { name: '1700000000000_create-users', direction: 'up' },
      { name: '1700000100000_create-orders', direction: 'up' }
    ])
    expect(tables(db.name)).toBe('orders,pgmigrations,users')
    expect(result.summary).toContain('| 1700000000000_create-users |  |  | ✅ applied |')
    expect(visible(result)).not.toContain('Tool-Secret-42')
    expect(visible(dry)).not.toContain('Tool-Secret-42')

    const again = await runAction({ action: 'migrate', inputs: common })
    expect(again.outputs['applied-count']).toBe('0')
  })

  it('command: runs any command with the URL in DATABASE_URL, never printing it', async () => {
    const db = database()
    const result = await runAction({
      action: 'migrate',
      inputs: {
        tool: 'command',
        'database-url': db.url,
        command: 'psql "$DATABASE_URL" -X -q -v ON_ERROR_STOP=1 -c "CREATE TABLE from_command (id int)" && echo "applied with $DATABASE_URL"'
      }
    })
    expect(result.errors).toEqual([])
    expect(tables(db.name)).toBe('from_command')
    // The command itself printed the URL: the mask the action registered hides it in the log.
    expect(asShownByRunner(result)).toContain('applied with ***')
    expect(asShownByRunner(result)).not.toContain('Tool-Secret-42')
    expect(result.stdout).toContain('[command]/usr/bin/sh -c psql "$DATABASE_URL"')
    expect(result.outputs['applied-count']).toBe('0')
    expect(result.outputs['pending-count']).toBe('')
    expect(result.summary).toContain('command ran successfully; its output does not say which migrations it applied.')
  })

  it('command: a failing command fails the step with its exit code', async () => {
    const db = database()
    const result = await runAction({ action: 'migrate', inputs: { tool: 'command', 'database-url': db.url, command: 'echo boom >&2; exit 3' } })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual(['migrate failed: command exited with code 3; its output is in the log above'])
    expect(result.summary).toContain('❌ failed')
  })

  describe('tools that do not install from npm, replaced by a program that replays their recorded output', () => {
    const bin = mkdtempSync(join(tmpdir(), 'fake-tools-'))
    const record = join(bin, 'calls.log')
    afterAll(() => rmSync(bin, { recursive: true, force: true }))

    /** A stand-in for a tool: logs its arguments and the variables it was given, prints a recording. */
    const fakeTool = (name: string, replies: Record<string, string>): void => {
      const cases = Object.entries(replies)
        .map(([word, file]) => `  *" ${word}"*|*" ${word} "*) cat '${join(fixtures, file)}' ;;`)
        .join('\n')
      writeFileSync(
        join(bin, name),
        `#!/bin/sh\necho "${name} $*" >> '${record}'\necho "env DATABASE_URL=$DATABASE_URL GOOSE_DBSTRING=$GOOSE_DBSTRING GOOSE_DRIVER=$GOOSE_DRIVER FLYWAY_URL=$FLYWAY_URL FLYWAY_USER=$FLYWAY_USER FLYWAY_PASSWORD=$FLYWAY_PASSWORD" >> '${record}'\ncase " $* " in\n${cases}\n  *) echo "unexpected: $*" >&2; exit 9 ;;\nesac\n`
      )
      chmodSync(join(bin, name), 0o755)
    }
    const run = (inputs: Record<string, string>): Promise<RunResult> => {
      writeFileSync(record, '')
      return runAction({ action: 'migrate', inputs: { directory: bin, ...inputs }, env: { PATH: `${bin}:${process.env.PATH}` } })
    }
    const url = 'postgres://deploy:Fake-Secret-7@db.internal:5432/shop'

    it('golang-migrate: the URL reaches -database through the environment; applied and pending are read', async () => {
      fakeTool('migrate', { up: 'golang-migrate/up.txt', version: 'golang-migrate/version.txt' })
      writeFileSync(join(bin, '1_a.up.sql'), '')
      writeFileSync(join(bin, '2_b.up.sql'), '')
      writeFileSync(join(bin, '3_c.up.sql'), '')
      const result = await run({ tool: 'golang-migrate', 'database-url': url })
      expect(result.errors).toEqual([])
      expect(readFileSync(record, 'utf8')).toContain(`migrate -database ${url} -path ${bin} up`)
      expect(visible(result)).not.toContain('Fake-Secret-7')
      expect(result.stdout).toContain('-database "$DEPLOY_ACTIONS_MIGRATE_URL"')
      expect(result.outputs['applied-count']).toBe('3')
      expect(result.outputs['current-version']).toBe('2')
      expect(result.outputs['pending-count']).toBe('1')
    })

    it('goose: driver and connection string in GOOSE_* variables', async () => {
      fakeTool('goose', { up: 'goose/up.txt', status: 'goose/status.txt' })
      const result = await run({ tool: 'goose', 'database-url': url })
      expect(result.errors).toEqual([])
      expect(readFileSync(record, 'utf8')).toContain(`GOOSE_DBSTRING=${url} GOOSE_DRIVER=postgres`)
      expect(result.outputs['applied-count']).toBe('2')
      expect(result.outputs['pending-count']).toBe('2')
      expect(visible(result)).not.toContain('Fake-Secret-7')
    })

    it('flyway: a JDBC URL with the credentials apart; the password is masked', async () => {
      fakeTool('flyway', { migrate: 'flyway/migrate.txt', info: 'flyway/info.txt' })
      const result = await run({ tool: 'flyway', 'database-url': url, target: '2' })
      expect(result.errors).toEqual([])
      const calls = readFileSync(record, 'utf8')
      expect(calls).toContain('flyway -target=2 migrate')
      expect(calls).toContain('FLYWAY_URL=jdbc:postgresql://db.internal:5432/shop FLYWAY_USER=deploy FLYWAY_PASSWORD=Fake-Secret-7')
      expect(result.stdout).toContain('::add-mask::Fake-Secret-7')
      expect(visible(result)).not.toContain('Fake-Secret-7')
      expect(result.outputs['applied-count']).toBe('2')
      expect(result.outputs['pending-count']).toBe('1')
      expect(result.outputs['current-version']).toBe('2')
    })

    it('prisma (its schema engine downloads a binary from outside npm, so not runnable here): deploy, then status exiting 1 for pending', async () => {
      writeFileSync(
        join(bin, 'prisma'),
        `#!/bin/sh\necho "prisma $*" >> '${record}'\ncase "$2" in\n  deploy) cat '${join(fixtures, 'prisma/deploy-applied.txt')}' ;;\n  status) cat '${join(fixtures, 'prisma/status-pending.txt')}'; exit 1 ;;\nesac\n`
      )
      chmodSync(join(bin, 'prisma'), 0o755)
      const result = await run({ tool: 'prisma', 'database-url': url })
      expect(result.errors).toEqual([])
      expect(result.outputs['applied-count']).toBe('2')
      expect(result.outputs['pending-count']).toBe('2')
      expect(readFileSync(record, 'utf8')).toBe('prisma migrate deploy\nprisma migrate status\n')
    })

    it('atlas dry-run runs only the status command', async () => {
      fakeTool('atlas', { status: 'atlas/status-pending.txt' })
      const result = await run({ tool: 'atlas', 'database-url': url, 'dry-run': 'true' })
      expect(result.errors).toEqual([])
      expect(
        readFileSync(record, 'utf8')
          .split('\n')
          .filter((line) => line.startsWith('atlas '))
      ).toEqual([`atlas migrate status --dir file://${bin} --url ${url}`])
      expect(result.outputs['pending-count']).toBe('2')
      expect(result.outputs['applied-count']).toBe('0')
    })

    it('a tool that is not installed fails before running anything', async () => {
      const result = await runAction({ action: 'migrate', inputs: { tool: 'alembic', 'database-url': url }, env: { PATH: '/usr/bin:/bin' } })
      expect(result.exitCode).toBe(1)
      expect(result.errors).toEqual(['migrate failed: alembic (alembic) was not found on PATH; install it in an earlier step of the job'])
    })
  })

  it("ends the step on cancellation while a tool runs (SIGINT from the runner), saying the tool's own rollback applies", async () => {
    const child = spawn(node24, [actionEntry('migrate')], {
      env: { PATH: process.env.PATH ?? '', INPUT_TOOL: 'command', INPUT_COMMAND: 'sleep 20' },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    const started = new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk) => {
        stdout += chunk
        if (stdout.includes('sleep 20')) resolve()
      })
    )
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
    await started
    child.kill('SIGINT')
    expect(await exited).toBe(1)
    expect(stdout).toContain('Received SIGINT: cancelling. command is stopped with the job; its own rollback and locking apply.')
  })
})
