import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

// Emscripten builds read the CommonJS global __dirname, which an ES module bundle does not have:
// ssh2's poly1305 (blue-green-swap's host provider; its wasm is embedded, so the folder only has to
// exist) and libpg-query (migrate's lint), which loads libpg-query.wasm from that folder — the
// build copies it next to the bundle (scripts/build.mjs). Imported first by those actions' index.ts.
const scope = globalThis as { __dirname?: string }
scope.__dirname ??= dirname(fileURLToPath(import.meta.url))
