/** The section of a changelog for one version (`v1.2.3` or `1.2.3`), without its heading; undefined when absent. */
export declare function sectionFor(changelog: string, tag: string): string | undefined
