import type { Migration } from '../migration-files.js'
import type { LintSource } from './lint.js'

/**
 * What the lint reads of a migration: the section that runs on apply, with everything before it
 * in the file blanked (line breaks kept), so a finding's line and column are the file's own. A
 * down section is never linted: it never runs on apply. Pure.
 */
export function lintSourceOf(migration: Migration): LintSource {
  const { source, sql } = migration.up
  const start = source.indexOf(sql)
  const before = start > 0 ? source.slice(0, start).replace(/[^\n]/g, ' ') : ''
  return { file: migration.up.file, sql: `${before}${sql}` }
}
