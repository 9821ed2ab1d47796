import { describe, expect, it } from '@jest/globals'
import { WorkflowCommands } from '../../../scripts/cli/workflow-commands.mjs'
import { outputsTable, renderSummary, sparkline } from '../../../scripts/cli/render.mjs'

// The pure halves of the CLI: workflow commands consumed as the runner consumes them, and the
// terminal renderings of outputs and the job summary.
describe('workflow commands, consumed like the runner', () => {
  it('an ::add-mask:: value (and its encodings) is *** in every later line, stdout chunks split anywhere', () => {
    const commands = new WorkflowCommands()
    const secret = 'p@ss word/1'
    const printed = [
      ...commands.feed('before p@ss word/1\n::add-mask::p@ss word/1\nurl p@ss'),
      ...commands.feed(' word/1 json "p@ss word/1" uri p%40ss%20word%2F1 b64 '),
      ...commands.feed(`${Buffer.from(secret).toString('base64')}\n`)
    ]
    expect(Buffer.from(secret).toString('base64')).toBe('cEBzcyB3b3JkLzE=')
    expect(printed).toEqual(['before p@ss word/1', 'url *** json "***" uri *** b64 ***='])
  })

  it('a multi-line secret is masked line by line; the longest value wins', () => {
    const commands = new WorkflowCommands({ masks: ['abc', '-----BEGIN KEY-----\nMIIEabc123\n-----END KEY-----'] })
    expect(commands.line('key line MIIEabc123 and abc')).toEqual(['key line *** and ***'])
  })

  it('::group:: is a heading with its lines indented; ::endgroup:: ends it', () => {
    const commands = new WorkflowCommands()
    expect(commands.feed('::group::Dump shop\nrows 42\n::endgroup::\ndone\n')).toEqual(['▶ Dump shop', '  rows 42', 'done'])
  })

  it.each([
    ['::error file=checks.yml,line=12,col=3,title=Bad check::status%0Aexpected 200', ['Error: checks.yml:12:3: Bad check: status', '  expected 200']],
    ['::warning::Unexpected input(s) %25 done', ['Warning: Unexpected input(s) % done']],
    ['::notice file=a%2Cb.yml::hi', ['Notice: a,b.yml: hi']],
    ['::debug::hidden without --verbose', []],
    ['::set-output name=url::https://x', []],
    ['::save-state name=isPost::true', []],
    ['::add-path::/evil', []],
    ['##[warning]legacy form', ['Warning: legacy form']],
    ['::unknown-command::shown as it is', ['::unknown-command::shown as it is']],
    ['plain line', ['plain line']]
  ])('%p → %p', (line, shown) => {
    expect(new WorkflowCommands().line(line)).toEqual(shown)
  })

  it('keeps ::set-output:: values; ::stop-commands:: prints lines untouched (but masked) until its token', () => {
    const commands = new WorkflowCommands({ masks: ['s3cret'] })
    expect(commands.feed('::set-output name=id::42\n::stop-commands::tok1\n::error::not a command s3cret\n::tok1::\n::error::a command\n')).toEqual([
      '::error::not a command ***',
      'Error: a command'
    ])
    expect(commands.outputs).toEqual({ id: '42' })
  })

  it('--verbose shows ::debug:: lines', () => {
    expect(new WorkflowCommands({ debug: true }).line('::debug::retrying')).toEqual(['Debug: retrying'])
  })
})

describe('terminal renderings', () => {
  it('outputs as an aligned table; a multi-line value shows its first line', () => {
    expect(outputsTable({ passed: '6', migrations: 'a\nb\nc', empty: '' })).toEqual([
      'output      value',
      '──────────  ──────────────',
      'passed      6',
      'migrations  a … (+2 lines)',
      'empty'
    ])
    expect(outputsTable({})).toEqual(['(no outputs)'])
  })

  it('sparkline scales from zero to the maximum', () => {
    expect(sparkline([0, 50, 100])).toBe('▁▅█')
    expect(sparkline([7, 7])).toBe('██')
  })

  it('renders a summary: headings, aligned tables with emoji counted wide, links, lists, and a mermaid chart as a sparkline', () => {
    const markdown = [
      '## ✅ Smoke test passed',
      '',
      '<details><summary>Checks</summary>',
      '',
      '| status | check | latency |',
      '| --- | --- | --- |',
      '| ✅ passed | [health](http://x/health) | 12 ms |',
      '| ❌ failed | a \\| b | 480 ms |',
      '',
      '```mermaid',
      'xychart-beta',
      '  title "Latency per check"',
      '  x-axis ["health", "a | b"]',
      '  y-axis "ms" 0 --> 480',
      '  bar [12, 480]',
      '```',
      '- **6** checks',
      '</details>'
    ].join('\n')
    expect(renderSummary(markdown).split('\n')).toEqual([
      '✅ Smoke test passed',
      '════════════════════',
      '',
      'Checks',
      '',
      'status     check                     latency',
      '─────────  ────────────────────────  ───────',
      '✅ passed  health (http://x/health)  12 ms',
      '❌ failed  a | b                     480 ms',
      '',
      'Latency per check (ms)',
      '  ▁█  min 12, max 480',
      '  health 12 · a | b 480',
      '• 6 checks'
    ])
  })
})

describe('stdout and stderr share one list of masks', () => {
  it('a value masked on either stream is hidden on both', () => {
    const stdout = new WorkflowCommands()
    const stderr = new WorkflowCommands()
    stderr.masks = stdout.masks
    stdout.line('::add-mask::from-stdout')
    stderr.line('::add-mask::from-stderr')
    expect(stderr.line('x from-stdout y')).toEqual(['x *** y'])
    expect(stdout.line('x from-stderr y')).toEqual(['x *** y'])
  })
})
