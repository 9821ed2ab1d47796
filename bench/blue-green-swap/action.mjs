#!/usr/bin/env node
// Benchmark of the blue-green-swap action end to end (the runner contract) under load through nginx.
//   node bench/blue-green-swap/action.mjs [--rounds 5 --rps 200 --switch reload|flag-files]   (after node scripts/build.mjs blue-green-swap)
// Compiles action-measure.ts (and the test support it imports) with ncc, then runs it from the repository root (ncc-run.mjs).
import { compileAndRun } from './ncc-run.mjs'

await compileAndRun('action-measure.ts', 'bench-bgs-action-')
