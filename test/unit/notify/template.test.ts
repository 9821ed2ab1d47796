import { describe, expect, it } from '@jest/globals'
import { checkTemplate, placeholdersIn, renderTemplate } from '../../../actions/notify/src/template.js'
import { context, withContext } from './fixtures.js'

describe('message templates (pure)', () => {
  it.each([
    ['Deployed {{version}} to {{ environment }}', 'Deployed v1.4.2 to production'],
    ['{{url}} = {{environment_url}}', 'https://shop.example.com = https://shop.example.com'],
    ['{{actor}} shipped {{short_sha}} ({{sha}})', 'octocat shipped 6dcb09b (6dcb09b5b57875f334f61aebed695e2e4193db5e)'],
    ['{{repository}}@{{ref}} run {{run_url}} #{{run_number}} of {{workflow}}', 'octo-org/shop@main run https://github.com/octo-org/shop/actions/runs/1658821493 #42 of Deploy'],
    ['took {{duration}}: {{status}} / {{status_label}}', 'took 1m 35s: success / Succeeded'],
    ['image {{outputs.image}}', 'image ghcr.io/octo-org/shop:1.4.2'],
    ['no placeholders, {single} braces', 'no placeholders, {single} braces']
  ])('%p renders as %p', (template, expected) => {
    checkTemplate('message', template, Object.keys(context.outputs))
    expect(renderTemplate(template, context)).toBe(expected)
  })

  it('an unknown value renders empty (no version given)', () => {
    expect(renderTemplate('[{{version}}]', withContext({ version: undefined }))).toBe('[]')
  })

  it.each([
    ['{{verison}}', [], 'Input "message" uses the unknown placeholder {{verison}}; expected one of'],
    ['{{ Environment }}', [], 'uses the unknown placeholder {{Environment}}'],
    ['{{outputs.tag}}', ['image'], 'Input "message" uses {{outputs.tag}}, but "outputs" has no "tag"; expected one of {{outputs.image}}, or pass it in "outputs".'],
    ['{{outputs.tag}}', [], 'Input "message" uses {{outputs.tag}}, but "outputs" has no "tag"; expected the value passed in "outputs" (JSON or key=value lines).'],
    ['{{outputs.}}', ['image'], 'uses {{outputs.}}, but "outputs" has no name there'],
    ['{{}}', [], 'uses the unknown placeholder {{}}']
  ])('%p is rejected naming the input', (template, outputs, message) => {
    expect(() => checkTemplate('message', template, outputs)).toThrow(message)
  })

  it('lists placeholders in order', () => {
    expect(placeholdersIn('{{a}} {{ b }} {{outputs.c}}')).toEqual(['a', 'b', 'outputs.c'])
  })
})
