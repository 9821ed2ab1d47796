// The environment a local run gives the action: the caller's own (so AWS_*, AZURE_*, GITHUB_TOKEN,
// GITHUB_API_URL and {{ env.X }} placeholders work), never stray INPUT_* variables (inputs come
// only from the command line, as on the runner), and the variables a runner always sets filled in
// where the caller has not: the repository, commit and branch from git when the workspace is a
// clone, else plain local values.
import { execFileSync } from 'node:child_process'
import { basename } from 'node:path'
import { arch, platform, userInfo } from 'node:os'

function git(cwd, ...args) {
  try {
    return execFileSync('git', ['-C', cwd, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 3000 }).trim()
  } catch {
    return ''
  }
}

/** owner/name from a GitHub-style remote URL (https or ssh). */
export function repositoryFromRemote(url) {
  const match = /[:/]([^/:]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url ?? '')
  return match ? `${match[1]}/${match[2]}` : undefined
}

const RUNNER_OS = { linux: 'Linux', darwin: 'macOS', win32: 'Windows' }
const RUNNER_ARCH = { x64: 'X64', arm64: 'ARM64', arm: 'ARM', ia32: 'X86' }

export function localRunEnv(cwd, callerEnv) {
  const env = Object.fromEntries(Object.entries(callerEnv).filter(([name, value]) => !name.startsWith('INPUT_') && value !== undefined))
  const fill = (name, value) => {
    if (env[name] !== undefined && env[name] !== '') return
    const found = value()
    if (found) env[name] = found
  }
  fill('GITHUB_REPOSITORY', () => repositoryFromRemote(git(cwd, 'remote', 'get-url', 'origin')) ?? `local/${basename(cwd)}`)
  fill('GITHUB_REPOSITORY_OWNER', () => env.GITHUB_REPOSITORY.split('/')[0])
  fill('GITHUB_SHA', () => git(cwd, 'rev-parse', 'HEAD'))
  const branch = git(cwd, 'rev-parse', '--abbrev-ref', 'HEAD')
  fill('GITHUB_REF', () => (branch && branch !== 'HEAD' ? `refs/heads/${branch}` : ''))
  fill('GITHUB_REF_NAME', () => (branch && branch !== 'HEAD' ? branch : ''))
  fill('GITHUB_ACTOR', () => {
    try {
      return userInfo().username
    } catch {
      return 'local'
    }
  })
  fill('GITHUB_SERVER_URL', () => 'https://github.com')
  fill('GITHUB_API_URL', () => 'https://api.github.com')
  fill('GITHUB_EVENT_NAME', () => 'workflow_dispatch')
  fill('GITHUB_WORKFLOW', () => 'deploy-actions CLI')
  fill('GITHUB_JOB', () => 'local')
  fill('GITHUB_RUN_ID', () => '0')
  fill('GITHUB_RUN_NUMBER', () => '0')
  fill('GITHUB_RUN_ATTEMPT', () => '1')
  fill('RUNNER_OS', () => RUNNER_OS[platform()] ?? platform())
  fill('RUNNER_ARCH', () => RUNNER_ARCH[arch()] ?? arch())
  return env
}
