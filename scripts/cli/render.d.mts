export declare function displayWidth(text: string): number
export declare function alignedTable(header: string[], rows: string[][]): string[]
export declare function outputsTable(outputs: Record<string, string>): string[]
export declare function sparkline(values: number[]): string
export declare function mermaidAsText(lines: string[]): string[]
export declare function inline(text: string): string
export declare function renderSummary(markdown: string): string
