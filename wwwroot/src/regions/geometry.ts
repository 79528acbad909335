/** A rectangle as fractions of the frame (0..1), optionally only between two times (seconds). */
export interface Region {
  x0: number
  y0: number
  x1: number
  y1: number
  start?: number | null
  end?: number | null
}

/** Smallest region worth cleaning: 1 % of the frame each way. */
export const minSize = 0.01

const clamp = (v: number, lo = 0, hi = 1) => Math.min(hi, Math.max(lo, v))
const round = (v: number) => Math.round(v * 10000) / 10000

/** The rectangle between two points of a drag, inside the frame, in either direction. */
export function fromPoints(ax: number, ay: number, bx: number, by: number): Region {
  return {
    x0: round(clamp(Math.min(ax, bx))),
    y0: round(clamp(Math.min(ay, by))),
    x1: round(clamp(Math.max(ax, bx))),
    y1: round(clamp(Math.max(ay, by))),
  }
}

export const isUsable = (r: Region) => r.x1 - r.x0 >= minSize && r.y1 - r.y0 >= minSize

/** Moved by (dx, dy), kept whole inside the frame (it stops at the edge rather than shrinking). */
export function moveBy(r: Region, dx: number, dy: number): Region {
  const w = r.x1 - r.x0
  const h = r.y1 - r.y0
  const x0 = clamp(r.x0 + dx, 0, 1 - w)
  const y0 = clamp(r.y0 + dy, 0, 1 - h)
  return { ...r, x0: round(x0), y0: round(y0), x1: round(x0 + w), y1: round(y0 + h) }
}

/** Its bottom-right corner moved by (dx, dy), never smaller than minSize nor outside the frame. */
export function resizeBy(r: Region, dx: number, dy: number): Region {
  return {
    ...r,
    x1: round(clamp(r.x1 + dx, r.x0 + minSize, 1)),
    y1: round(clamp(r.y1 + dy, r.y0 + minSize, 1)),
  }
}

/** What is wrong with a region's times, or null. */
export function timeProblem(r: Region, durationSeconds?: number): string | null {
  const { start, end } = r
  if (start != null && start < 0) return 'Start cannot be negative.'
  if (end != null && end < 0) return 'End cannot be negative.'
  if (start != null && end != null && end <= start) return 'End must be after start.'
  if (durationSeconds != null && start != null && start >= durationSeconds) return 'Start is after the end of the video.'
  return null
}

/** The usual place of subtitles: a band across the lower part of the frame. */
export const subtitleBand: Region = { x0: 0.1, y0: 0.78, x1: 0.9, y1: 0.95 }
