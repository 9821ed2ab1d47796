export declare const repoRoot: string
export declare const node24: string
export declare const FAKE_RUN_ENV: Record<string, string>

export interface ActionInputSpec {
  description?: string
  default?: string
  required?: boolean
}

export interface RunOptions {
  /** Action folder under actions/ (or 'root' for the top-level dispatcher action.yml). */
  action: string
  inputs?: Record<string, string>
  /** Extra environment, e.g. secrets referenced by placeholders or a GITHUB_API_URL for a fake. */
  env?: Record<string, string>
  /** The webhook payload GITHUB_EVENT_PATH points at. */
  event?: unknown
  timeoutMs?: number
  cwd?: string
  onStdout?: (chunk: string) => void
  onStderr?: (chunk: string) => void
  /** The environment to start from instead of the made-up runner's (the CLI passes the caller's). */
  baseEnv?: Record<string, string>
  /** Turns an action.yml default (which may hold an expression) into the value passed. */
  expandDefault?: (input: string, value: string) => string
  /** An empty folder for the runner's files and RUNNER_TEMP (default: a new temporary folder). */
  workDir?: string
  /** Pass SIGINT/SIGTERM on to the action. */
  forwardSignals?: boolean
}

export interface RunResult {
  exitCode: number | null
  /** The signal that ended the action, when one did. */
  signal: string | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  exportedEnv: Record<string, string>
  state: Record<string, string>
  /** Lines the action wrote with ::error:: (one per failure). */
  errors: string[]
  warnings: string[]
  durationMs: number
  workDir: string
}

export declare function actionYamlPath(action: string): string
export declare function loadActionMetadata(action: string): {
  inputs: Record<string, ActionInputSpec>
  outputs: Record<string, { description?: string }>
  runs: { using: string; main: string }
}
export declare function inputVariable(name: string): string
export declare function actionEntry(action: string): string
export declare function runAction(options: RunOptions): Promise<RunResult>
export declare function cleanup(result: RunResult): Promise<void>
export declare function parseFileCommand(content: string): Record<string, string>
