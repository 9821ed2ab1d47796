import { readdir, readFile, stat } from 'node:fs/promises'
import { isAbsolute, join, posix, resolve } from 'node:path'
import { InputError } from '../../../packages/core/input-error.js'
import { collectMigrations, compareVersions, type FormatChoice, type Migration } from './migration-files.js'

/** Where the migrations directory is on disk and how its files are named in messages and annotations. */
export function migrationsLocation(workingDirectory: string, directory: string): { absolute: string; shown: string } {
  const absolute = resolve(workingDirectory, directory)
  if (isAbsolute(directory)) return { absolute, shown: directory.replace(/\/+$/, '') }
  return { absolute, shown: posix.normalize(posix.join(workingDirectory.replace(/\\/g, '/'), directory.replace(/\\/g, '/'))).replace(/\/+$/, '') }
}

/** Reads the migrations directory; fails with an InputError naming `directory` when it is missing or unusable. */
export async function loadMigrations(workingDirectory: string, directory: string, format: FormatChoice = 'auto'): Promise<Migration[]> {
  const { absolute, shown } = migrationsLocation(workingDirectory, directory)
  const info = await stat(absolute).catch(() => undefined)
  if (!info) throw new InputError('directory', `is "${directory}", which does not exist (looked in ${shown})`, 'a folder of <version>_<name>.sql files, relative to working-directory')
  if (!info.isDirectory()) throw new InputError('directory', `is "${directory}", which is a file`, 'a folder of <version>_<name>.sql files')
  const names = (await readdir(absolute, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name)
  const files = await Promise.all(names.filter((name) => name.toLowerCase().endsWith('.sql')).map(async (name) => ({ name, content: await readFile(join(absolute, name), 'utf8') })))
  return collectMigrations(shown, files, 'directory', format)
}

/** The versions in a tool's migrations directory (for tools whose status tells only the current version). */
export async function localVersions(workingDirectory: string, directory: string): Promise<string[]> {
  const names = await readdir(resolve(workingDirectory, directory)).catch(() => [] as string[])
  const versions = new Set<string>()
  for (const name of names) {
    const match = /^(\d+)_.*\.(up\.)?sql$/.exec(name)
    if (match && !name.endsWith('.down.sql')) versions.add(match[1])
  }
  return [...versions].sort(compareVersions)
}
