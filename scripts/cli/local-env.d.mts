export declare function repositoryFromRemote(url: string | undefined): string | undefined
export declare function localRunEnv(cwd: string, callerEnv: Record<string, string | undefined>): Record<string, string>
