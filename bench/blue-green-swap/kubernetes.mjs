#!/usr/bin/env node
// Benchmark of the kubernetes provider through dist/blue-green-swap (the runner contract) against the
// loopback Kubernetes API fake, beside the render provider as the baseline (no SDK to load).
//   npm run bench:blue-green-swap-kubernetes [-- <rounds, default 7>]   (after node scripts/build.mjs blue-green-swap)
// Compiles kubernetes-measure.ts (and the test support it imports) with ncc, then runs it from the repository root (ncc-run.mjs).
import { compileAndRun } from './ncc-run.mjs'

await compileAndRun('kubernetes-measure.ts', 'bench-bgs-k8s-')
