// Shared by the benches: the repository root, the Node 24 the actions run on, clean-up at exit and
// a free loopback port.
import { createServer } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const node24 = join(root, 'node_modules', 'node', 'bin', 'node')

const cleanups = []
process.on('exit', () => cleanups.reverse().forEach((f) => f()))
process.on('SIGINT', () => process.exit(130))
/** Runs `fn` when the process exits, last registered first. */
export const atExit = (fn) => cleanups.push(fn)

export function freePort() {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => done(port))
    })
  })
}
