#!/usr/bin/env node
// The floor for the smoke-test action at concurrency N: a plain Node `http` keep-alive loop making
// the same requests (status and body text checked) with N at once, as its own process so Node's
// start is counted as it is for the action.
//   node bench/smoke-test/plain-loop.mjs <base-url> <checks.json> <concurrency>
import { Agent, request } from 'node:http'
import { readFileSync } from 'node:fs'

const [baseUrl, checksPath, concurrencyArg] = process.argv.slice(2)
const checks = JSON.parse(readFileSync(checksPath, 'utf8'))
const concurrency = Number(concurrencyArg ?? 10)
const agent = new Agent({ keepAlive: true, maxSockets: concurrency })

const get = (path) =>
  new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { agent }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode, body }))
    })
    req.on('error', reject)
    req.end()
  })

let next = 0
let failed = 0
const worker = async () => {
  while (next < checks.length) {
    const check = checks[next++]
    const { status, body } = await get(check.path)
    if (status !== check.status || (check.text && !body.includes(check.text))) failed++
  }
}
await Promise.all(Array.from({ length: concurrency }, worker))
agent.destroy()
if (failed > 0) {
  console.error(`${failed} checks failed`)
  process.exit(1)
}
