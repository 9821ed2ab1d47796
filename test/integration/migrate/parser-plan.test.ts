import { describe, expect, it } from '@jest/globals'
import { runAction, type RunResult } from '../../support/runner.js'
import { postgresFixture } from './postgres-fixture.js'

// The built-in runner splits PostgreSQL migrations with PostgreSQL's own parser, run as the GitHub
// runner runs the bundle against a real PostgreSQL: what the parser refuses stops the plan before
// anything is applied, and statements the hand-written splitter cut apart now run whole.
describe("migrate splits PostgreSQL migrations with PostgreSQL's parser (real PostgreSQL, runner contract)", () => {
  const postgres = postgresFixture('parser')
  const fresh = postgres.fresh
  const folder = (files: Record<string, string>): string => postgres.folder(files).path
  const migrate = (inputs: Record<string, string>): Promise<RunResult> => runAction({ action: 'migrate', inputs, timeoutMs: 60_000 })
  const tables = (sql: (q: string) => string): string => sql("SELECT coalesce(string_agg(tablename, ',' ORDER BY tablename), '') FROM pg_tables WHERE schemaname = 'public'")

  it('a syntax error in the third file stops the plan: nothing applied, file:line:column and the parser message', async () => {
    const db = fresh()
    const dir = folder({
      '001_users.sql': 'CREATE TABLE users (id int);\n',
      '002_orders.sql': 'CREATE TABLE orders (id int);\n',
      '003_broken.sql': "-- 'é' before the error: columns count characters\nINSERT INTO users VALUES (1);\nSELECT 'é', * FROM users WHERE;\n"
    })
    for (const dryRun of ['true', 'false']) {
      const result = await migrate({ 'database-url': db.url, directory: dir, 'dry-run': dryRun })
      expect(result.exitCode).toBe(1)
      expect(result.errors).toHaveLength(1)
      expect(result.errors[0]).toContain(`nothing was changed: ${dir}/003_broken.sql:3:31: syntax error at or near ";" (PostgreSQL 42601), found by PostgreSQL's parser before anything ran`)
      expect(result.stdout).toContain(`::error title=Migration failed,file=${dir}/003_broken.sql,line=3,col=31::`)
      expect(result.stdout).not.toContain('Applying')
      expect(result.outputs['applied-count']).toBe('0')
    }
    expect(tables(db.sql)).toBe('deploy_actions_migrations')
    expect(db.sql('SELECT count(*) FROM deploy_actions_migrations')).toBe('0')
  })

  it('a syntax error in a section that does not run does not stop the run; reverting it is refused before anything changes', async () => {
    const db = fresh()
    const dir = folder({
      '001_a.sql': '-- +goose Up\nCREATE TABLE a (id int);\nCREATE TABLE b (id int);\n\n-- +goose Down\nDROP TABLE b;\nDROP TABLE a,;\n'
    })
    const up = await migrate({ 'database-url': db.url, directory: dir })
    expect(up.errors).toEqual([])
    expect(up.outputs['applied-count']).toBe('1')
    expect(tables(db.sql)).toBe('a,b,deploy_actions_migrations')

    const down = await migrate({ 'database-url': db.url, directory: dir, direction: 'down' })
    expect(down.exitCode).toBe(1)
    expect(down.errors[0]).toContain(`${dir}/001_a.sql:7:14: syntax error at or near ";" (PostgreSQL 42601)`)
    expect(down.stdout).toContain(`::error title=Migration failed,file=${dir}/001_a.sql,line=7,col=14::`)
    // DROP TABLE b, before the error, did not run.
    expect(tables(db.sql)).toBe('a,b,deploy_actions_migrations')
  })

  it('applies statements the hand-written splitter cut apart: a rule with several actions, BEGIN ATOMIC reading a column named begin', async () => {
    const db = fresh()
    const dir = folder({
      '001_rule.sql':
        'CREATE TABLE src (id int);\nCREATE TABLE log (id int);\nCREATE RULE copy_twice AS ON INSERT TO src DO ALSO (INSERT INTO log VALUES (NEW.id); INSERT INTO log VALUES (NEW.id + 1));\nINSERT INTO src VALUES (1);\n',
      '002_atomic.sql':
        'CREATE TABLE marks (begin int);\nINSERT INTO marks VALUES (7);\nCREATE FUNCTION first_mark() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT m.begin FROM marks m;\nEND;\nCREATE TABLE after_atomic (id int);\n  INSERT INTO after_atomic VALUES (first_mark());\nINSERT INTO nowhere VALUES (1);\n'
    })
    const result = await migrate({ 'database-url': db.url, directory: dir })
    expect(result.exitCode).toBe(1)
    expect(result.outputs['applied-count']).toBe('1')
    expect(db.sql("SELECT string_agg(id::text, ',' ORDER BY id) FROM log")).toBe('1,2')
    // The runtime error is placed at its own statement, after the BEGIN ATOMIC body.
    expect(result.errors[0]).toContain(`${dir}/002_atomic.sql:9:13: relation "nowhere" does not exist (PostgreSQL 42P01)`)
    expect(tables(db.sql)).toBe('deploy_actions_migrations,log,src')
  })
})
