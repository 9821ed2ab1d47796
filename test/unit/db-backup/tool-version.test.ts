import { describe, expect, it } from '@jest/globals'
import { pgDumpMismatch, postgresServerMajor, postgresToolMajor } from '../../../actions/db-backup/src/engines/tool-version.js'

describe('PostgreSQL client and server versions', () => {
  it.each([
    ['pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)', 15],
    ['pg_dump (PostgreSQL) 17.2', 17],
    ['pg_dump (PostgreSQL) 16beta1', 16],
    ['pg_dump (PostgreSQL) 9.6.24', 9.6],
    ['something else', undefined]
  ])('%p → %p', (output, major) => expect(postgresToolMajor(output)).toBe(major))

  it.each([
    [150018, 15],
    [170002, 17],
    [90624, 9.6]
  ])('server_version_num %i → %p', (num, major) => expect(postgresServerMajor(num)).toBe(major))

  it.each([
    [15, 15, undefined],
    [17, 15, undefined],
    [undefined, 16, undefined],
    [15, 16, "pg_dump 15 cannot dump a PostgreSQL 16 server (pg_dump must be at least the server's major version)"]
  ])('pg_dump %p against server %p', (tool, server, problem) => expect(pgDumpMismatch(tool, server)).toBe(problem))
})
