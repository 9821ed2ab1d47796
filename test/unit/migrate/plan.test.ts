import { describe, expect, it } from '@jest/globals'
import { collectMigrations } from '../../../actions/migrate/src/migration-files.js'
import { highestVersion, planDown, planUp, type AppliedMigration } from '../../../actions/migrate/src/plan.js'

const local = collectMigrations('m', [
  { name: '001_a.sql', content: 'A' },
  { name: '001_a.down.sql', content: 'undo A' },
  { name: '002_b.sql', content: 'B' },
  { name: '002_b.down.sql', content: 'undo B' },
  { name: '003_c.sql', content: 'C' },
  { name: '010_d.sql', content: 'D' }
])
const record = (version: string, name?: string): AppliedMigration => {
  const m = local.find((l) => l.version === version)
  return { version, name: name ?? m?.name ?? 'gone', checksum: m?.checksum ?? 'f'.repeat(64) }
}
const strict = { allowChanged: false, allowOutOfOrder: false }

describe('planUp', () => {
  it.each([
    ['a fresh database', [], {}, ['001', '002', '003', '010'], []],
    ['some applied', [record('001'), record('002')], {}, ['003', '010'], []],
    ['everything applied', ['001', '002', '003', '010'].map((v) => record(v)), {}, [], []],
    ['a target', [record('001')], { target: '3' }, ['002', '003'], ['010']],
    ['a target already passed', ['001', '002'].map((v) => record(v)), { target: '1' }, [], ['003', '010']]
  ])('%s', (_name, applied, options, pending, later) => {
    const plan = planUp(local, applied, { ...strict, ...options })
    expect(plan.problems).toEqual([])
    expect(plan.pending.map((m) => m.version)).toEqual(pending)
    expect(plan.later.map((m) => m.version)).toEqual(later)
  })

  it('stops on an edited applied migration, showing both checksums', () => {
    const applied = [{ ...record('001'), checksum: 'a'.repeat(64) }]
    const plan = planUp(local, applied, strict)
    expect(plan.problems.map((p) => p.message)).toEqual([
      `m/001_a.sql was changed after it was applied (checksum when applied: ${'a'.repeat(64)}, now: ${local[0].checksum}). Put the applied version of the file back and add a new migration for the change, or set allow-changed: true`
    ])
    const allowed = planUp(local, applied, { ...strict, allowChanged: true })
    expect(allowed.problems).toEqual([])
    expect(allowed.warnings[0]).toContain('going on because allow-changed is true')
  })

  it('stops on a new migration older than the latest applied one', () => {
    const applied = [record('001'), record('003')]
    expect(planUp(local, applied, strict).problems).toEqual([
      { file: 'm/002_b.sql', message: 'm/002_b.sql is new but older than the latest applied version 003. Give it a version above 003, or set allow-out-of-order: true' }
    ])
    const allowed = planUp(local, applied, { ...strict, allowOutOfOrder: true })
    expect(allowed.pending.map((m) => m.version)).toEqual(['002', '010'])
  })

  it('warns about applied versions without a file, and matches versions as numbers', () => {
    const plan = planUp(local, [record('1'), { version: '007', name: 'removed', checksum: 'x' }], { ...strict, allowOutOfOrder: true })
    expect(plan.warnings[0]).toBe('version 007 (removed) is recorded as applied but has no file in the migrations directory')
    expect(plan.warnings.slice(1)).toEqual([
      'm/002_b.sql is new but older than the latest applied version 007; applying it out of order because allow-out-of-order is true',
      'm/003_c.sql is new but older than the latest applied version 007; applying it out of order because allow-out-of-order is true'
    ])
    expect(plan.pending.map((m) => m.version)).toEqual(['002', '003', '010'])
  })
})

describe('planDown', () => {
  const applied = ['001', '002', '003'].map((v) => record(v))
  it.each([
    [{}, ['003']],
    [{ steps: 2 }, ['003', '002']],
    [{ target: '001' }, ['003', '002']],
    [{ target: '0' }, ['003', '002', '001']],
    [{ target: '003' }, []]
  ])('%j chooses %j (003 has no down file, so choosing it is a problem)', (options, versions) => {
    const plan = planDown(local, applied, options)
    const chosen = [...plan.steps.map((s) => s.migration.version), ...(plan.problems.length > 0 ? ['003'] : [])].sort().reverse()
    expect(chosen).toEqual(versions)
    expect(plan.problems).toEqual(versions.includes('003') ? [{ file: 'm/003_c.sql', message: 'm/003_c.sql has no down migration; add m/003_c.down.sql' }] : [])
  })

  it('reverts newest first with the down files', () => {
    const plan = planDown(local, [record('001'), record('002')], { steps: 2 })
    expect(plan.problems).toEqual([])
    expect(plan.steps.map((s) => s.migration.down!.file)).toEqual(['m/002_b.down.sql', 'm/001_a.down.sql'])
  })

  it('cannot revert what has no file', () => {
    expect(planDown(local, [record('001'), { version: '005', name: 'gone', checksum: 'x' }], {}).problems).toEqual([
      { message: 'version 005 (gone) is applied but has no file in the migrations directory, so it cannot be reverted' }
    ])
  })

  it('has nothing to revert on an empty history', () => {
    expect(planDown(local, [], { steps: 3 })).toEqual({ steps: [], problems: [] })
  })
})

describe('highestVersion', () => {
  it.each([
    [[], undefined],
    [[record('002'), record('010'), record('003')], '010'],
    [[{ version: 'abc', name: 'x', checksum: '' }, record('001')], '001']
  ])('%j', (applied, expected) => {
    expect(highestVersion(applied)).toBe(expected)
  })

  it.each([
    ['1_a.sql', '-- +goose Up\nCREATE TABLE a ();\n', 'm/1_a.sql has no down migration; add a -- +goose Down section to m/1_a.sql'],
    ['1_a.sql', '-- migrate:up\nCREATE TABLE a ();\n', 'm/1_a.sql has no down migration; add a -- migrate:down section to m/1_a.sql'],
    ['V1__a.sql', 'CREATE TABLE a ();\n', 'm/V1__a.sql has no down migration; add m/U1__a.sql'],
    ['1_a.up.sql', 'CREATE TABLE a ();\n', 'm/1_a.up.sql has no down migration; add m/1_a.down.sql']
  ])('says how to add the down migration of %s in its format', (name, content, message) => {
    const [migration] = collectMigrations('m', [{ name, content }])
    const plan = planDown([migration], [{ version: migration.version, name: migration.name, checksum: migration.checksum }], { steps: 1 })
    expect(plan.problems.map((p) => p.message)).toEqual([message])
  })
})
