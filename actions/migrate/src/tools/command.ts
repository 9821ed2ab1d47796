import { urlEnvironment, type ToolAdapter } from './tool-adapter.js'

/** Anything else: the given shell command runs with the URL in DATABASE_URL. Its output is not parsed. */
export const command: ToolAdapter = {
  name: 'command',
  urlEnv: 'DATABASE_URL',
  usesDirectory: false,
  apply: (context) => ({ command: 'sh', args: ['-c', context.command ?? ''], env: urlEnvironment(context) }),
  parseApply: () => undefined
}
