export declare function unescapeData(text: string): string
export declare function unescapeProperty(text: string): string
export declare function parseProperties(text?: string): Record<string, string>
export declare function maskVariants(value: string): string[]
export declare class WorkflowCommands {
  constructor(options?: { masks?: string[]; debug?: boolean })
  masks: string[]
  outputs: Record<string, string>
  state: Record<string, string>
  annotations: { level: string; properties: Record<string, string>; message: string }[]
  addMask(value: string): void
  mask(text: string): string
  feed(chunk: string): string[]
  flush(): string[]
  line(raw: string): string[]
}
