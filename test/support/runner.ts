/**
 * The runner-contract harness: runs `dist/<name>/index.js` under Node 24 exactly as the GitHub
 * runner does. The implementation lives in scripts/run-local.mjs so it also runs actions by hand
 * (`npm run local -- <action> --input name=value`).
 */
export { actionEntry, actionYamlPath, cleanup, inputVariable, loadActionMetadata, parseFileCommand, runAction, type RunOptions, type RunResult } from '../../scripts/run-local.mjs'
