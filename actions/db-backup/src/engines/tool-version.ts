/**
 * Reading client tool versions, to refuse a dump that cannot work before anything is written.
 * Pure.
 */

/** The major version in `pg_dump --version` output ("pg_dump (PostgreSQL) 15.18 (Debian …)" → 15). */
export function postgresToolMajor(output: string): number | undefined {
  const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(output)
  if (!match) return undefined
  const major = Number(match[1])
  // Before 10, the major version was two numbers (9.6); those clients are far too old anyway.
  return major < 10 ? major + Number(match[2] ?? 0) / 10 : major
}

/** server_version_num (150018) → 15. */
export function postgresServerMajor(versionNum: number): number {
  return versionNum >= 100_000 ? Math.floor(versionNum / 10_000) : Math.floor(versionNum / 10_000) + (Math.floor(versionNum / 100) % 100) / 10
}

/** pg_dump dumps servers of its own major version and older only. */
export function pgDumpMismatch(toolMajor: number | undefined, serverMajor: number): string | undefined {
  if (toolMajor === undefined || toolMajor >= serverMajor) return undefined
  return `pg_dump ${toolMajor} cannot dump a PostgreSQL ${serverMajor} server (pg_dump must be at least the server's major version)`
}
