import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { dirname, join, relative, sep } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { writeFileAtomic } from '../../../core/atomic-write.js'
import { objectUri, type BackupDestination } from '../destination.js'
import type { BackupMetadata, BackupStore, PutOptions, StoredObject } from '../types.js'
import { StoreCheckError } from '../store-error.js'
import { isDataFile, parseSidecar, partialPath, sidecarContent, sidecarPath } from './file-store-mapping.js'

type LocalDestination = Extract<BackupDestination, { kind: 'local' }>

/**
 * A directory on this machine (or a mounted volume). Data goes to `<file>.partial` and is fsynced;
 * the sidecar `<file>.json` is written atomically; then the rename of the data file commits the
 * backup. A listing only reports data files that have a readable sidecar.
 */
export function createFileStore(destination: LocalDestination): BackupStore {
  const root = destination.directory
  const pathOf = (key: string): string => join(root, ...key.split('/'))
  const uri = (key: string): string => objectUri(destination, key)

  async function describe(key: string): Promise<StoredObject | undefined> {
    const path = pathOf(key)
    let size: number
    let modified: Date
    try {
      const info = await stat(path)
      if (!info.isFile()) return undefined
      size = info.size
      modified = info.mtime
    } catch {
      return undefined
    }
    const metadata = await readFile(sidecarPath(path), 'utf8').then(parseSidecar, () => undefined)
    return { key, uri: uri(key), sizeBytes: size, lastModified: modified.toISOString(), ...(metadata ? { metadata } : {}) }
  }

  return {
    kind: 'local',
    uri,

    async check() {
      try {
        await mkdir(root, { recursive: true })
        const info = await stat(root)
        if (!info.isDirectory()) throw new Error('not a directory')
      } catch (error) {
        throw new StoreCheckError('other', `local directory ${root} cannot be used: ${(error as Error).message}`)
      }
    },

    async put(key: string, body: Readable, finalize: () => Promise<BackupMetadata>, options: PutOptions = {}): Promise<StoredObject> {
      const path = pathOf(key)
      const partial = partialPath(path)
      await mkdir(dirname(path), { recursive: true })
      try {
        await pipeline(body, createWriteStream(partial, { flags: 'w', mode: 0o600 }), { signal: options.signal })
        const handle = await open(partial, 'r')
        try {
          await handle.sync()
        } finally {
          await handle.close()
        }
        const metadata = await finalize()
        const size = (await stat(partial)).size
        if (size !== metadata.sizeBytes) throw new Error(`wrote ${size} bytes but the backup has ${metadata.sizeBytes}`)
        await writeFileAtomic(sidecarPath(path), sidecarContent(metadata))
        await rename(partial, path)
        return { key, uri: uri(key), sizeBytes: size, metadata }
      } catch (error) {
        await rm(partial, { force: true })
        throw error
      }
    },

    async list(prefix) {
      const dir = prefix === '' ? root : pathOf(prefix)
      const files: string[] = []
      const walk = async (at: string): Promise<void> => {
        let entries
        try {
          entries = await readdir(at, { withFileTypes: true })
        } catch {
          return
        }
        for (const entry of entries) {
          const full = join(at, entry.name)
          if (entry.isDirectory()) await walk(full)
          else if (entry.isFile() && isDataFile(entry.name)) files.push(relative(root, full).split(sep).join('/'))
        }
      }
      await walk(dir)
      const out: StoredObject[] = []
      for (const key of files.sort()) {
        const described = await describe(key)
        if (described) out.push(described)
      }
      return out
    },

    async get(key) {
      const path = pathOf(key)
      await stat(path)
      return createReadStream(path)
    },

    head: describe,

    async delete(key) {
      const path = pathOf(key)
      await rm(path, { force: true })
      await rm(sidecarPath(path), { force: true })
    }
  }
}
