import { constants, createGunzip, createGzip, createZstdCompress, createZstdDecompress } from 'node:zlib'
import { PassThrough, type Transform } from 'node:stream'

/** Stream compression for backups: zstd (fast, the default), gzip (opens anywhere) or none. */
export type Compression = 'zstd' | 'gzip' | 'none'
export const COMPRESSIONS: readonly Compression[] = ['zstd', 'gzip', 'none']

export function compressor(kind: Compression): Transform {
  switch (kind) {
    case 'zstd':
      return createZstdCompress({ params: { [constants.ZSTD_c_compressionLevel]: 3 } })
    case 'gzip':
      return createGzip({ level: 6 })
    case 'none':
      return new PassThrough()
  }
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
