import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { beforeAll, describe, expect, it } from '@jest/globals'
import { lintMigrations, type Finding } from '../../../actions/migrate/src/lint/lint.js'
import type { RuleId } from '../../../actions/migrate/src/lint/rules.js'
import { repoRoot } from '../../support/paths.js'

// The lint against squawk (npm squawk-cli, the real binary) on the same corpus. Each file is linted
// on its own, as squawk does, so both assume every table not created in the file already exists.
// Every squawk finding is either reported by this lint (same file and line, the rule mapped below),
// a rule this lint deliberately does not have, or a known difference with its reason.

const corpus = join(repoRoot, 'test', 'fixtures', 'migrate', 'lint-corpus')
const files = readdirSync(corpus)
  .filter((f) => f.endsWith('.sql'))
  .sort()

const SAME_CONCERN: Record<string, RuleId[]> = {
  'require-concurrent-index-creation': ['index-not-concurrent'],
  'adding-required-field': ['add-column-not-null-without-default'],
  'adding-field-with-default': ['add-column-volatile-default'],
  'changing-column-type': ['alter-column-type'],
  'adding-not-nullable-field': ['set-not-null-without-check'],
  'adding-foreign-key-constraint': ['constraint-without-not-valid'],
  'constraint-missing-not-valid': ['constraint-without-not-valid', 'unique-without-index'],
  'disallowed-unique-constraint': ['unique-without-index'],
  'ban-drop-table': ['drop-table'],
  'ban-drop-column': ['drop-column'],
  'renaming-table': ['rename-table'],
  'renaming-column': ['rename-column'],
  'require-lock-timeout': ['lock-timeout-missing'],
  'ban-concurrent-index-creation-in-transaction': ['concurrently-in-transaction']
}

const NOT_A_RULE_HERE: Record<string, string> = {
  'prefer-robust-stmts': 'the built-in runner applies each migration in one transaction, so a failed one leaves nothing half-done to re-run with IF NOT EXISTS',
  'require-statement-timeout': "migrate's statement-timeout input sets it for every migration",
  'prefer-bigint-over-int': 'a data-modelling preference, not a deploy-time risk',
  'prefer-bigint-over-smallint': 'a data-modelling preference, not a deploy-time risk',
  'prefer-identity': 'a data-modelling preference, not a deploy-time risk',
  'prefer-text-field': 'a data-modelling preference, not a deploy-time risk',
  'prefer-timestamptz': 'a data-modelling preference, not a deploy-time risk'
}

const KNOWN_DIFFERENCES: [file: string, line: number, squawkRule: string, reason: string][] = [
  ['0001_create_accounts.up.sql', 8, 'require-concurrent-index-creation', 'the table is created earlier in the same migration: it is empty and nothing waits on it'],
  ['0001_create_accounts.up.sql', 8, 'require-lock-timeout', 'CREATE INDEX takes a SHARE lock, not ACCESS EXCLUSIVE (index-not-concurrent covers the existing-table case)'],
  ['0002_create_projects.up.sql', 1, 'require-lock-timeout', 'CREATE TABLE … REFERENCES takes SHARE ROW EXCLUSIVE on the referenced table, not ACCESS EXCLUSIVE'],
  ['0002_create_projects.up.sql', 7, 'require-concurrent-index-creation', 'the table is created earlier in the same migration'],
  ['0004_index_projects_name.up.sql', 1, 'require-lock-timeout', 'CREATE INDEX takes a SHARE lock (reported as index-not-concurrent)'],
  ['0011_concurrent_index.up.sql', 1, 'require-lock-timeout', 'CREATE INDEX CONCURRENTLY takes SHARE UPDATE EXCLUSIVE, which blocks no reads or writes'],
  ['0014_index_in_transaction.up.sql', 2, 'require-lock-timeout', 'CREATE INDEX CONCURRENTLY takes SHARE UPDATE EXCLUSIVE (the file is reported as concurrently-in-transaction)'],
  ['0015_unique_via_index.up.sql', 1, 'require-lock-timeout', 'CREATE UNIQUE INDEX CONCURRENTLY takes SHARE UPDATE EXCLUSIVE'],
  ['0017_drop_legacy.up.sql', 2, 'ban-drop-table', 'accepted with a deploy-actions:lint-ignore comment and its reason']
]

interface SquawkFinding {
  file: string
  line: number
  rule: string
}

let squawk: SquawkFinding[] = []
const ours = new Map<string, Finding[]>()

function runSquawk(): SquawkFinding[] {
  const binary = join(repoRoot, 'node_modules', '.bin', 'squawk')
  // Not in the lock file (its per-platform packages cannot all be locked here): .ci/run installs it.
  if (!existsSync(binary)) throw new Error('squawk is not installed: run `npm install --no-save squawk-cli@2.66.0` (as .ci/run does)')
  let output: string
  try {
    output = execFileSync(join(repoRoot, 'node_modules', '.bin', 'squawk'), ['--reporter', 'json', ...files.map((f) => join(corpus, f))], { encoding: 'utf8' })
  } catch (error) {
    // squawk exits 1 when it found something; its report is still on stdout.
    output = String((error as { stdout?: string }).stdout ?? '')
  }
  const parsed = JSON.parse(output) as { file: string; line: number; rule_name: string }[]
  // squawk counts lines from 0.
  return parsed.map((f) => ({ file: basename(f.file), line: f.line + 1, rule: f.rule_name }))
}

beforeAll(async () => {
  squawk = runSquawk()
  for (const file of files) ours.set(file, (await lintMigrations([{ file, sql: readFileSync(join(corpus, file), 'utf8') }])).findings)
})

describe('lint compared with squawk on the same corpus (real squawk binary, real PostgreSQL parser)', () => {
  it('squawk found something in most files (the comparison is not empty)', () => expect(new Set(squawk.map((f) => f.file)).size).toBeGreaterThan(10))

  it('knows every rule squawk reported: same concern, or deliberately not a rule here', () => {
    const unknown = [...new Set(squawk.map((f) => f.rule))].filter((rule) => !(rule in SAME_CONCERN) && !(rule in NOT_A_RULE_HERE))
    expect(unknown).toEqual([])
  })

  it('reports every squawk finding of a shared concern at the same line, except the known differences', () => {
    const missing = squawk
      .filter((f) => f.rule in SAME_CONCERN)
      .filter((f) => !KNOWN_DIFFERENCES.some(([file, line, rule]) => file === f.file && line === f.line && rule === f.rule))
      .filter((f) => !(ours.get(f.file) ?? []).some((o) => o.line === f.line && (SAME_CONCERN[f.rule] as string[]).includes(o.rule)))
      .map((f) => `${f.file}:${f.line} ${f.rule}`)
    expect(missing).toEqual([])
  })

  it('each known difference is real: squawk reports it and this lint does not', () => {
    const stale = KNOWN_DIFFERENCES.filter(([file, line, rule]) => {
      const squawkHas = squawk.some((f) => f.file === file && f.line === line && f.rule === rule)
      const oursHas = (ours.get(file) ?? []).some((o) => o.line === line && (SAME_CONCERN[rule] as string[]).includes(o.rule))
      return !squawkHas || oursHas
    }).map(([file, line, rule]) => `${file}:${line} ${rule}`)
    expect(stale).toEqual([])
  })

  it('reports lock_timeout per statement where squawk reports the file once (Django output, DROP DEFAULT on line 6)', () => {
    const django = (ours.get('0013_django_style.up.sql') ?? []).map((f) => `${f.line} ${f.rule}`)
    expect(django).toEqual(['5 lock-timeout-missing', '6 lock-timeout-missing', '10 alter-column-type', '10 lock-timeout-missing', '11 index-not-concurrent'])
    expect(squawk.filter((f) => f.file === '0013_django_style.up.sql' && f.rule === 'require-lock-timeout').map((f) => f.line)).toEqual([5])
  })
})
