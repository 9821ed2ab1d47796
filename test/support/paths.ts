export { node24, repoRoot } from '../../scripts/run-local.mjs'
