#!/usr/bin/env node
// deploy-actions <action> [--input name=value …] [--inputs-file inputs.yml] [--env-file .env]
// Runs one of the actions outside GitHub the way the runner does (see scripts/cli/main.mjs).
import { main } from '../scripts/cli/main.mjs'

// `deploy-actions … | head` closes the pipe early: stop quietly, as other command-line tools do.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})

process.exitCode = await main(process.argv.slice(2))
