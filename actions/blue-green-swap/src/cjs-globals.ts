import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

// ssh2 (loaded lazily by the host provider) bundles an emscripten build of poly1305 that reads the
// CommonJS global __dirname, which an ES module bundle does not have. Its wasm is embedded, so the
// folder only has to exist as a value.
const scope = globalThis as { __dirname?: string }
scope.__dirname ??= dirname(fileURLToPath(import.meta.url))
