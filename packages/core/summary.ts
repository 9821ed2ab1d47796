import * as core from '@actions/core'

/** Appends Markdown to the job summary; a missing summary file (local runs) is not an error. */
export async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  await core.summary.addRaw(markdown, true).write()
}
