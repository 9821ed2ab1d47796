export declare class UsageError extends Error {}
export interface ParsedArgs {
  action?: string
  inputs: [string, string][]
  inputFiles: [string, string][]
  inputsFiles: string[]
  envFiles: string[]
  outDir?: string
  event?: string
  help: boolean
  verbose: boolean
  list: boolean
  version: boolean
}
export declare function parsePair(flag: string, text: string): [string, string]
export declare function parseArgs(argv: readonly string[]): ParsedArgs
