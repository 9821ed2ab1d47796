#!/usr/bin/env node
// deploy-actions <action> [--input name=value …] [--inputs-file inputs.yml] [--env-file .env]
// Runs one of the actions outside GitHub the way the runner does (see scripts/cli/main.mjs).
import { main } from '../scripts/cli/main.mjs'

process.exitCode = await main(process.argv.slice(2))
