import { constants, createGunzip, createGzip, createZstdCompress, createZstdDecompress } from 'node:zlib'
import { accessSync, constants as fsConstants } from 'node:fs'
import { delimiter, join } from 'node:path'
import { Duplex, PassThrough, type Transform } from 'node:stream'
import { runTool } from './tool-process.js'

/** Stream compression for backups: zstd (fast, the default), gzip (opens anywhere) or none. */
export type Compression = 'zstd' | 'gzip' | 'none'
export const COMPRESSIONS: readonly Compression[] = ['zstd', 'gzip', 'none']

/** A compression stage of the backup pipeline, and what ran it (for the summary). */
export interface CompressionStage {
  stream: Duplex
  /** Resolves once the compressor finished cleanly (a program exited 0); a backup commits only after. */
  done: Promise<void>
  /** e.g. "zstd -3 -T0 (zstd program)" or "zstd level 3 (Node zlib stream)". */
  ranBy: string
}

const ZSTD_LEVEL = 3

/**
 * zstd through the `zstd` program with one thread per core when it is on the PATH (it is on
 * GitHub's Ubuntu images): about half the wall time and CPU of Node's single-threaded stream.
 * Without it, Node's zlib stream. gzip and none always run in Node. The output is the same format
 * either way, so restores never need the program.
 */
export function compressor(kind: Compression, options: { path?: string; signal?: AbortSignal } = {}): CompressionStage {
  if (kind === 'zstd') {
    const program = findProgram('zstd', options.path)
    if (program) return programStage(program, [`-${ZSTD_LEVEL}`, '-T0', '-q', '-c'], `zstd -${ZSTD_LEVEL} -T0 (the zstd program, ${program})`, options.signal)
    return {
      stream: createZstdCompress({ params: { [constants.ZSTD_c_compressionLevel]: ZSTD_LEVEL } }),
      done: Promise.resolve(),
      ranBy: `zstd level ${ZSTD_LEVEL} (Node zlib stream; no zstd program on PATH)`
    }
  }
  if (kind === 'gzip') return { stream: createGzip({ level: 6 }), done: Promise.resolve(), ranBy: 'gzip level 6 (Node zlib stream)' }
  return { stream: new PassThrough(), done: Promise.resolve(), ranBy: 'none' }
}

/** stdin → program → stdout as one duplex stream; the program's failure fails the stream and `done`. */
function programStage(program: string, args: string[], ranBy: string, signal?: AbortSignal): CompressionStage {
  const tool = runTool(program, args, { stdin: true, signal })
  const stream = Duplex.from({ writable: tool.stdin!, readable: tool.stdout })
  tool.exited.catch((error: unknown) => stream.destroy(error as Error))
  // Torn down by the pipeline (a failure elsewhere, an abort): the program must not outlive it.
  // Only the process is killed, not its pipes: its stderr (why it failed) is still read to the end.
  stream.once('close', () => {
    if (!stream.readableEnded && tool.child.exitCode === null && tool.child.signalCode === null) tool.child.kill('SIGKILL')
  })
  return { stream, done: tool.exited, ranBy }
}

/** The first executable `name` in PATH, or undefined. */
export function findProgram(name: string, path: string | undefined = process.env.PATH): string | undefined {
  for (const dir of (path ?? '').split(delimiter)) {
    if (dir === '') continue
    const candidate = join(dir, name)
    try {
      accessSync(candidate, fsConstants.X_OK)
      return candidate
    } catch {
      // not here
    }
  }
  return undefined
}

export function decompressor(kind: Compression): Transform {
  switch (kind) {
    case 'zstd':
      return createZstdDecompress()
    case 'gzip':
      return createGunzip()
    case 'none':
      return new PassThrough()
  }
}

/** File extension suffix for a compression ('' for none). */
export function compressionExtension(kind: Compression): string {
  return kind === 'zstd' ? '.zst' : kind === 'gzip' ? '.gz' : ''
}
