import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { afterAll, describe, expect, it } from '@jest/globals'
import { compressor, decompressor, findProgram } from '../../../packages/backup/compression.js'

// Real processes: the zstd program installed on this machine (apt zstd; GitHub's Ubuntu images have it), and a stand-in that fails.
const scratch = mkdtempSync(join(tmpdir(), 'compression-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const data = Buffer.from(Array.from({ length: 20_000 }, (_, i) => `row ${i} ${'abc'.repeat(i % 30)}\n`).join(''))

async function roundTrip(stage: ReturnType<typeof compressor>): Promise<Buffer> {
  const compressed: Buffer[] = []
  await pipeline(Readable.from([data.subarray(0, 100_000), data.subarray(100_000)]), stage.stream, new Writable({ write: (c: Buffer, _e, done) => (compressed.push(c), done()) }))
  await stage.done
  const out: Buffer[] = []
  await pipeline(Readable.from([Buffer.concat(compressed)]), decompressor('zstd'), new Writable({ write: (c: Buffer, _e, done) => (out.push(c), done()) }))
  return Buffer.concat(out)
}

describe('zstd compression', () => {
  it('runs the zstd program with -T0 when it is on PATH, and Node decompresses what it wrote', async () => {
    const stage = compressor('zstd', { path: process.env.PATH })
    expect(stage.ranBy).toMatch(/^zstd -3 -T0 \(the zstd program, \/.+\/zstd\)$/)
    expect((await roundTrip(stage)).equals(data)).toBe(true)
  })

  it("falls back to Node's stream when no zstd is on PATH, same format", async () => {
    const stage = compressor('zstd', { path: '/nonexistent' })
    expect(stage.ranBy).toBe('zstd level 3 (Node zlib stream; no zstd program on PATH)')
    expect((await roundTrip(stage)).equals(data)).toBe(true)
  })

  it('a zstd program that fails fails the stream and `done`, so no backup can commit', async () => {
    writeFileSync(join(scratch, 'zstd'), '#!/bin/sh\nhead -c 10 >/dev/null\necho "zstd: out of disk" >&2\nexit 1\n')
    chmodSync(join(scratch, 'zstd'), 0o755)
    const stage = compressor('zstd', { path: scratch })
    expect(stage.ranBy).toContain(`the zstd program, ${join(scratch, 'zstd')}`)
    await expect(roundTrip(stage)).rejects.toThrow(/zstd exited with code 1: zstd: out of disk|EPIPE|premature close/i)
    await expect(stage.done).rejects.toThrow('exited with code 1: zstd: out of disk')
  })

  it('findProgram ignores empty PATH entries and directories without the program', () => {
    expect(findProgram('zstd', `:/nonexistent:${process.env.PATH}`)).toMatch(/\/zstd$/)
    expect(findProgram('zstd', ':/nonexistent')).toBeUndefined()
  })
})
