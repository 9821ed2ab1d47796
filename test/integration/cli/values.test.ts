import { describe, expect, it } from '@jest/globals'
import { parseArgs } from '../../../scripts/cli/args.mjs'
import { localRunEnv, repositoryFromRemote } from '../../../scripts/cli/local-env.mjs'
import { expandExpressions, parseEnvFile, parseInputsFile } from '../../../scripts/cli/values.mjs'

// The pure parts behind the CLI's flags, files and expressions, as tables.
describe('CLI values', () => {
  it('parses flags in both --flag value and --flag=value forms, keeping order', () => {
    expect(
      parseArgs(['notify', '--input', 'a=1', '--input=b=x=y', '-i', 'c=', '--input-file', 'key=k.pem', '--inputs-file', 'i.yml', '--env-file=.env', '--out-dir', 'out', '--verbose'])
    ).toEqual({
      action: 'notify',
      inputs: [
        ['a', '1'],
        ['b', 'x=y'],
        ['c', '']
      ],
      inputFiles: [['key', 'k.pem']],
      inputsFiles: ['i.yml'],
      envFiles: ['.env'],
      outDir: 'out',
      help: false,
      verbose: true,
      list: false,
      version: false
    })
  })

  it.each([
    [['x', '--input', '=v'], '--input has an input name "" that is not one'],
    [['x', '--out-dir', 'a', '--out-dir', 'b'], '--out-dir is given twice'],
    [['x', '--input', '--verbose'], '--input needs a value']
  ])('%p is a usage error', (argv, message) => expect(() => parseArgs(argv)).toThrow(message))

  it('reads .env files: export, quotes, escapes, comments; a bad line is named by its number only', () => {
    expect(parseEnvFile(['# comment', 'A=1', 'export B = two words # note', "C='literal $X #'", 'D="line\\nbreak \\"q\\""', '', 'E='].join('\n'), '/w/.env')).toEqual({
      A: '1',
      B: 'two words',
      C: 'literal $X #',
      D: 'line\nbreak "q"',
      E: ''
    })
    expect(() => parseEnvFile('A=1\nBearer s3cret\n', '/w/.env')).toThrow('/w/.env:2 is not a KEY=value line (the line is not shown: it may hold a secret)')
    expect(() => parseEnvFile('A=1\nBearer s3cret\n', '/w/.env')).not.toThrow(/s3cret/)
  })

  it('reads an inputs file: a mapping, or a whole step with `with:`; scalars become strings', () => {
    expect(parseInputsFile('url: https://x\nretries: 3\nverify: true\nempty:\n', '/w/i.yml')).toEqual([
      ['url', 'https://x'],
      ['retries', '3'],
      ['verify', 'true'],
      ['empty', '']
    ])
    expect(parseInputsFile('uses: org/deploy-actions/actions/notify@v1\nwith:\n  channels: slack\n', '/w/i.yml')).toEqual([['channels', 'slack']])
    expect(() => parseInputsFile('checks:\n  - a\n', '/w/i.yml')).toThrow('--inputs-file /w/i.yml: input "checks" is not a single value')
    expect(() => parseInputsFile('- a\n', '/w/i.yml')).toThrow('is not a mapping of input names to values')
  })

  it.each([
    ['Bearer ${{ secrets.TOKEN }}', { TOKEN: 't0k' }, 'Bearer t0k', ['t0k']],
    ['${{env.REGION}}-${{ env.MISSING }}', { REGION: 'eu' }, 'eu-', []],
    ['${{ github.token }}', { GITHUB_TOKEN: 'ghs_1' }, 'ghs_1', ['ghs_1']],
    ['${{ job.status }}', {}, 'success', []],
    ['${{ github.repository }}@${{ runner.os }}', { GITHUB_REPOSITORY: 'o/r', RUNNER_OS: 'Linux' }, 'o/r@Linux', []],
    ['no expression', {}, 'no expression', []]
  ])('expands %p', (raw, env, value, secrets) => {
    expect(expandExpressions('x', raw, env)).toEqual({ value, secrets })
  })

  it('an action.yml default with an expression the CLI cannot answer becomes empty instead of failing', () => {
    expect(expandExpressions('github-token', '${{ github.token }}', {}, { strict: false })).toEqual({ value: '', secrets: [] })
    expect(expandExpressions('x', '${{ matrix.os }}', {}, { strict: false }).value).toBe('')
    expect(() => expandExpressions('x', '${{ matrix.os }}', {})).toThrow('input "x" uses ${{ matrix.os }}, which the CLI cannot evaluate')
  })

  it.each([
    ['git@github.com:octo-org/shop.git', 'octo-org/shop'],
    ['https://github.com/octo-org/shop', 'octo-org/shop'],
    ['https://ghe.example.com/team/api.git/', 'team/api'],
    ['', undefined]
  ])('repository of remote %p', (url, expected) => expect(repositoryFromRemote(url)).toBe(expected))

  it('the local run environment: the caller’s variables win, INPUT_* never pass, the runner’s variables are filled in', () => {
    const env = localRunEnv('/nonexistent/shop', { GITHUB_REPOSITORY: 'me/app', INPUT_URL: 'stray', AWS_REGION: 'eu-west-1', GITHUB_ACTOR: 'me' })
    expect(env).toMatchObject({
      GITHUB_REPOSITORY: 'me/app',
      GITHUB_REPOSITORY_OWNER: 'me',
      AWS_REGION: 'eu-west-1',
      GITHUB_ACTOR: 'me',
      GITHUB_API_URL: 'https://api.github.com',
      GITHUB_RUN_ATTEMPT: '1'
    })
    expect(env).not.toHaveProperty('INPUT_URL')
    expect(localRunEnv('/nonexistent/shop', {}).GITHUB_REPOSITORY).toBe('local/shop')
  })
})
