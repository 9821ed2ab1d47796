import { Readable } from 'node:stream'
import { describe, expect, it } from '@jest/globals'
import { feedTool, runTool } from '../../../packages/backup/tool-process.js'

// Real processes: `head` reads the first bytes and exits 0, as pg_restore may before an archive's last bytes.
const chunks = (count: number, size = 64 * 1024): Buffer[] => Array.from({ length: count }, (_, i) => Buffer.alloc(size, i % 251))
const target = (command: string, args: string[]) => {
  const tool = runTool(command, args, { stdin: true })
  tool.stdout.resume()
  return { input: tool.stdin!, done: tool.exited, abort: tool.kill }
}

describe('feedTool', () => {
  it('a tool that exits 0 before the end of its input succeeds once the whole source was read (its end-checks ran)', async () => {
    let read = 0
    const all = chunks(64)
    const source = Readable.from(
      (async function* () {
        for (const chunk of all) {
          read += chunk.length
          yield chunk
        }
      })()
    )
    await feedTool(source, target('head', ['-c', '100']))
    expect(read).toBe(64 * 64 * 1024)
  })

  it('a source that fails at its very end (a digest mismatch) fails the feed even though the tool already exited 0', async () => {
    const source = Readable.from(
      (async function* () {
        yield* chunks(32)
        throw new Error('the stored backup does not match its recorded digest')
      })()
    )
    await expect(feedTool(source, target('head', ['-c', '100']))).rejects.toThrow('does not match its recorded digest')
  })

  it("a tool that fails reports the tool's message and stops reading the source", async () => {
    let read = 0
    const source = Readable.from(
      (async function* () {
        // A store streams at its own pace: one chunk per millisecond or so.
        for (let i = 0; i < 100_000; i++) {
          read += 1
          yield Buffer.alloc(64 * 1024)
          await new Promise((tick) => setTimeout(tick, 1))
        }
      })()
    )
    await expect(feedTool(source, target('sh', ['-c', 'head -c 10 >/dev/null; echo "pg_restore: error: bad archive" >&2; exit 1']))).rejects.toThrow(
      'sh exited with code 1: pg_restore: error: bad archive'
    )
    expect(read).toBeLessThan(100_000)
  })
})
