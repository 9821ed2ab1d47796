// Help texts, read from the action.yml files so they never drift from what the actions accept.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { loadActionMetadata, repoRoot } from '../run-local.mjs'
import { alignedTable } from './render.mjs'

/** Every folder under actions/ with an action.yml, sorted — new actions appear without a change here. */
export function actionNames(root = repoRoot) {
  const dir = join(root, 'actions')
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'action.yml')))
    .map((entry) => entry.name)
    .sort()
}

function describe(action) {
  const metadata = parseYaml(readFileSync(join(repoRoot, 'actions', action, 'action.yml'), 'utf8'))
  return String(metadata.description ?? '').trim()
}

export function actionList() {
  const names = actionNames()
  return alignedTable(
    ['action', 'what it does'],
    names.map((name) => [name, describe(name)])
  )
    .slice(2)
    .map((line) => `  ${line}`)
}

export function mainHelp() {
  return [
    'deploy-actions — run the deploy-actions GitHub Actions anywhere, the way the runner does',
    '',
    'Usage:',
    '  deploy-actions <action> [--input name=value …] [--inputs-file inputs.yml] [--env-file .env] [options]',
    '  deploy-actions <action> --help      inputs, defaults and outputs of one action',
    '  deploy-actions --list               the actions',
    '',
    'Actions:',
    ...actionList(),
    '',
    'Inputs:',
    '  --input name=value        one input (repeatable); the value may use ${{ secrets.NAME }} and ${{ env.NAME }},',
    '                            read from the environment — secrets never have to be typed as arguments',
    '  --input-file name=path    an input whose value is a file’s content (a key, a token…), masked as a secret',
    '  --inputs-file file.yml    inputs as YAML (what goes under `with:`); --input wins over it',
    '',
    'Environment:',
    '  The action gets your environment (AWS_*, AZURE_*, GITHUB_TOKEN, GITHUB_API_URL…) plus',
    '  --env-file .env           KEY=value lines (repeatable; later files win)',
    '  Relative paths in inputs resolve against the current directory, the workspace.',
    '',
    'Options:',
    '  --event event.json        the event payload GITHUB_EVENT_PATH holds (a pull_request event, say);',
    '                            set GITHUB_EVENT_NAME to match',
    '  --out-dir folder          where outputs.json, summary.md and reports are kept',
    '                            (default ./.deploy-actions/<action>-<time>/)',
    '  --verbose                 show ::debug:: lines (as RUNNER_DEBUG=1 does)',
    '  -h, --help                this help',
    '',
    'The exit code is the action’s (0 success, 1 failure); 2 is a malformed command line.'
  ].join('\n')
}

function wrap(text, width) {
  const words = String(text).replace(/\s+/g, ' ').trim().split(' ')
  const lines = []
  let line = ''
  for (const word of words) {
    if (line !== '' && line.length + word.length + 1 > width) {
      lines.push(line)
      line = word
    } else line = line === '' ? word : `${line} ${word}`
  }
  if (line !== '') lines.push(line)
  return lines.length > 0 ? lines : ['']
}

export function actionHelp(action) {
  const { inputs, outputs } = loadActionMetadata(action)
  const nameWidth = Math.max(...Object.keys(inputs).map((n) => n.length), ...Object.keys(outputs).map((n) => n.length), 6)
  const entry = (name, text) => wrap(text, 72).map((line, i) => `  ${(i === 0 ? name : '').padEnd(nameWidth)}  ${line}`)
  const lines = [`deploy-actions ${action} — ${describe(action)}`, '', `Usage: deploy-actions ${action} --input name=value …`, '', 'Inputs:']
  for (const [name, spec] of Object.entries(inputs)) {
    const notes = [spec.required ? 'required' : undefined, spec.default !== undefined && spec.default !== '' ? `default: ${spec.default}` : undefined].filter(Boolean)
    lines.push(...entry(name, `${notes.length > 0 ? `(${notes.join('; ')}) ` : ''}${spec.description ?? ''}`))
  }
  lines.push('', 'Outputs:')
  for (const [name, spec] of Object.entries(outputs)) lines.push(...entry(name, spec.description ?? ''))
  return lines.join('\n')
}
