import { afterAll } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A temporary migrations folder holding the given files; remove() deletes it. */
export function migrationsDir(files: Record<string, string>): { path: string; write(name: string, content: string): void; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'migrations-'))
  const write = (name: string, content: string): void => writeFileSync(join(path, name), content)
  for (const [name, content] of Object.entries(files)) write(name, content)
  return { path, write, remove: () => rmSync(path, { recursive: true, force: true }) }
}

/** For the describe block (or file) it is called in: makes migrations folders, all removed after its tests. */
export function migrationFolders(): (files: Record<string, string>) => ReturnType<typeof migrationsDir> {
  const dirs: { remove(): void }[] = []
  afterAll(() => {
    for (const dir of dirs) dir.remove()
  })
  return (files) => {
    const dir = migrationsDir(files)
    dirs.push(dir)
    return dir
  }
}

export const threeMigrations = {
  '001_create_users.sql': 'CREATE TABLE users (\n  id serial PRIMARY KEY,\n  email text NOT NULL UNIQUE\n);\n',
  '001_create_users.down.sql': 'DROP TABLE users;\n',
  '002_create_orders.sql': 'CREATE TABLE orders (\n  id serial PRIMARY KEY,\n  user_id integer NOT NULL REFERENCES users (id),\n  total numeric(10, 2) NOT NULL\n);\n',
  '002_create_orders.down.sql': 'DROP TABLE orders;\n',
  '003_add_user_name.sql': "ALTER TABLE users ADD COLUMN name text NOT NULL DEFAULT '';\nINSERT INTO users (email, name) VALUES ('ada@example.com', 'Ada');\n",
  '003_add_user_name.down.sql': "DELETE FROM users WHERE email = 'ada@example.com';\nALTER TABLE users DROP COLUMN name;\n"
}
