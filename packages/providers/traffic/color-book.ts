import type { Color } from './types.js'

/**
 * For platforms without colors (Vercel, Render, Railway): which platform deployment plays which
 * color in this run. Blue is the first one seen (what production served when the run started).
 */
export class ColorBook {
  private readonly ids = new Map<Color, string>()

  colorOf(id: string): Color {
    for (const [color, known] of this.ids) if (known === id) return color
    const color: Color = this.ids.has('blue') ? 'green' : 'blue'
    this.ids.set(color, id)
    return color
  }

  set(color: Color, id: string): void {
    this.ids.set(color, id)
  }

  idOf(color: Color): string | undefined {
    return this.ids.get(color)
  }
}
