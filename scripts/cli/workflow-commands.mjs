// Consumes an action's workflow commands (`::name key=value::message` lines on stdout) the way the
// GitHub runner does, so a local run shows what a job log would: `::add-mask::` values are hidden
// as *** in everything printed afterwards (and the command line itself never shows), `::group::`
// becomes a heading with the group's lines indented, `::error file=…,line=…::` a readable
// annotation, `::set-output`/`::save-state` and the other runner-only commands are swallowed, and
// `::stop-commands::TOKEN` … `::TOKEN::` prints lines untouched in between. Pure: no I/O.

const COMMAND = /^::([A-Za-z][\w-]*)(?: ([^:]*))?::(.*)$/
const LEGACY = /^##\[([A-Za-z][\w-]*)(?: ([^\]]*))?\](.*)$/

/** Data of a command: %25 %0D %0A as the toolkit escapes them. */
export function unescapeData(text) {
  return text.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%')
}

/** Property values additionally escape : and , */
export function unescapeProperty(text) {
  return unescapeData(text.replace(/%3A/gi, ':').replace(/%2C/gi, ','))
}

export function parseProperties(text = '') {
  const properties = {}
  for (const pair of text.split(',')) {
    const at = pair.indexOf('=')
    if (at > 0) properties[pair.slice(0, at).trim()] = unescapeProperty(pair.slice(at + 1))
  }
  return properties
}

/**
 * The forms a secret may take in a log besides itself, as the runner's value encoders do: each
 * line of a multi-line value, its JSON-string, URL and base64 encodings.
 */
export function maskVariants(value) {
  if (typeof value !== 'string' || value === '') return []
  const variants = new Set([value])
  for (const line of value.split(/\r?\n/)) if (line.trim().length >= 3) variants.add(line)
  variants.add(JSON.stringify(value).slice(1, -1))
  variants.add(encodeURIComponent(value))
  variants.add(Buffer.from(value).toString('base64').replace(/=+$/, ''))
  return [...variants].filter((v) => v.length > 0)
}

function location(properties) {
  if (!properties.file) return ''
  const parts = [properties.file, properties.line, properties.line && properties.col].filter(Boolean)
  return `${parts.join(':')}: `
}

const LABELS = { error: 'Error', warning: 'Warning', notice: 'Notice' }
const SWALLOWED = new Set(['add-mask', 'set-output', 'save-state', 'set-env', 'add-path', 'echo', 'add-matcher', 'remove-matcher', 'endgroup', 'group', 'stop-commands', 'debug'])

export class WorkflowCommands {
  /**
   * @param {{ masks?: string[], debug?: boolean }} options masks known before the run (values
   *   from secrets.*), debug shows ::debug:: lines as the runner does with RUNNER_DEBUG=1.
   */
  constructor(options = {}) {
    this.masks = []
    this.debug = options.debug ?? false
    this.depth = 0
    this.stopToken = undefined
    this.buffer = ''
    /** Values set with the deprecated ::set-output:: and ::save-state:: commands. */
    this.outputs = {}
    this.state = {}
    this.annotations = []
    for (const value of options.masks ?? []) this.addMask(value)
  }

  addMask(value) {
    for (const variant of maskVariants(value)) if (!this.masks.includes(variant)) this.masks.push(variant)
    // Longest first, so a secret containing another is hidden whole.
    this.masks.sort((a, b) => b.length - a.length)
  }

  mask(text) {
    let masked = String(text)
    for (const value of this.masks) masked = masked.split(value).join('***')
    return masked
  }

  /** Feeds a chunk of stdout; returns the complete lines to print (already masked). */
  feed(chunk) {
    this.buffer += chunk
    const lines = this.buffer.split('\n')
    this.buffer = lines.pop()
    return lines.flatMap((line) => this.line(line.replace(/\r$/, '')))
  }

  /** The last, unterminated line. */
  flush() {
    if (this.buffer === '') return []
    const rest = this.buffer
    this.buffer = ''
    return this.line(rest)
  }

  /** One line of the action's stdout → the lines a person sees (none for a swallowed command). */
  line(raw) {
    if (this.stopToken !== undefined) {
      if (raw === `::${this.stopToken}::`) {
        this.stopToken = undefined
        return []
      }
      return [this.indent(this.mask(raw))]
    }
    const match = COMMAND.exec(raw) ?? LEGACY.exec(raw)
    if (!match) return [this.indent(this.mask(raw))]
    const [, name, props, data] = match
    const command = name.toLowerCase()
    const message = unescapeData(data)
    const properties = parseProperties(props)
    switch (command) {
      case 'add-mask':
        this.addMask(message)
        return []
      case 'set-output':
        if (properties.name) this.outputs[properties.name] = message
        return []
      case 'save-state':
        if (properties.name) this.state[properties.name] = message
        return []
      case 'stop-commands':
        this.stopToken = message
        return []
      case 'group': {
        const heading = this.mask(`▶ ${message}`)
        this.depth = 1
        return [heading]
      }
      case 'endgroup':
        this.depth = 0
        return []
      case 'debug':
        return this.debug ? this.text(`Debug: ${message}`) : []
      case 'error':
      case 'warning':
      case 'notice': {
        const title = properties.title ? `${properties.title}: ` : ''
        this.annotations.push({ level: command, properties, message: this.mask(message) })
        return this.text(`${LABELS[command]}: ${location(properties)}${title}${message}`)
      }
      default:
        return SWALLOWED.has(command) ? [] : [this.indent(this.mask(raw))]
    }
  }

  text(message) {
    return this.mask(message)
      .split('\n')
      .map((line, i) => this.indent(i === 0 ? line : `  ${line}`))
  }

  indent(line) {
    return this.depth > 0 && line !== '' ? `  ${line}` : line
  }
}
