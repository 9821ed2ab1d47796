export declare function parseEnvFile(text: string, where: string): Record<string, string>
export declare function readEnvFile(path: string): Record<string, string>
export declare function parseInputsFile(text: string, where: string): [string, string][]
export declare function readInputsFile(path: string): [string, string][]
export declare function readInputFile(name: string, path: string): string
export declare function expandExpressions(input: string, raw: string, env: Record<string, string | undefined>, options?: { strict?: boolean }): { value: string; secrets: string[] }
