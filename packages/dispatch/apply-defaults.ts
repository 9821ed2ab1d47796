/** Sets INPUT_<NAME> to the action's default wherever the caller left that input empty. */
export function applyDefaults(env: NodeJS.ProcessEnv, defaults: Record<string, string>): void {
  for (const [input, value] of Object.entries(defaults)) {
    const variable = `INPUT_${input.replace(/ /g, '_').toUpperCase()}`
    if ((env[variable] ?? '') === '') env[variable] = value
  }
}
