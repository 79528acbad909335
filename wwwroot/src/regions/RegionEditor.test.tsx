import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { fireEvent, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { RegionEditor } from './RegionEditor'
import { fromPoints, moveBy, resizeBy, type Region } from './geometry'

function Harness({ initial = [], log }: { initial?: Region[]; log: Region[][] }) {
  const [regions, setRegions] = useState<Region[]>(initial)
  return <RegionEditor imageUrl="data:image/png;base64,AAAA" aspect={16 / 9} regions={regions} durationSeconds={10}
    onChange={(r) => { log.push(r); setRegions(r) }} />
}

/** jsdom has no layout: give the drawing surface a 400×225 box at (0, 0). */
function sized(el: HTMLElement) {
  el.getBoundingClientRect = () => ({ left: 0, top: 0, width: 400, height: 225, right: 400, bottom: 225, x: 0, y: 0, toJSON: () => ({}) })
  return el
}

describe('geometry', () => {
  it('normalises a drag in any direction and keeps it inside the frame', () => {
    expect(fromPoints(0.9, 0.95, 0.1, 0.8)).toEqual({ x0: 0.1, y0: 0.8, x1: 0.9, y1: 0.95 })
    expect(fromPoints(-0.2, 0.5, 1.3, 0.6)).toEqual({ x0: 0, y0: 0.5, x1: 1, y1: 0.6 })
  })
  it('moves without shrinking at the edges and resizes no smaller than 1 %', () => {
    expect(moveBy({ x0: 0.8, y0: 0.1, x1: 0.9, y1: 0.2 }, 0.5, -0.5)).toEqual({ x0: 0.9, y0: 0, x1: 1, y1: 0.1 })
    expect(resizeBy({ x0: 0.2, y0: 0.2, x1: 0.3, y1: 0.3 }, -0.5, 0.05)).toEqual({ x0: 0.2, y0: 0.2, x1: 0.21, y1: 0.35 })
  })
})

describe('RegionEditor', () => {
  it('draws a region with the pointer, in fractions of the frame', () => {
    const log: Region[][] = []
    render(<Harness log={log} />)
    const canvas = sized(screen.getByTestId('region-canvas'))

    fireEvent.pointerDown(canvas, { button: 0, clientX: 40, clientY: 180, pointerId: 1 })
    fireEvent.pointerMove(canvas, { clientX: 360, clientY: 213.75, pointerId: 1 })
    fireEvent.pointerUp(canvas, { pointerId: 1 })

    expect(log.at(-1)).toEqual([{ x0: 0.1, y0: 0.8, x1: 0.9, y1: 0.95 }])
    expect(screen.getAllByTestId('region')).toHaveLength(1)
  })

  it('ignores a click that draws nothing', () => {
    const log: Region[][] = []
    render(<Harness log={log} />)
    const canvas = sized(screen.getByTestId('region-canvas'))
    fireEvent.pointerDown(canvas, { button: 0, clientX: 40, clientY: 40, pointerId: 1 })
    fireEvent.pointerUp(canvas, { pointerId: 1 })
    expect(log).toEqual([])
  })

  it('moves a region by dragging it', () => {
    const log: Region[][] = []
    render(<Harness log={log} initial={[{ x0: 0.1, y0: 0.1, x1: 0.3, y1: 0.2 }]} />)
    const canvas = sized(screen.getByTestId('region-canvas'))
    const region = screen.getByTestId('region')

    fireEvent.pointerDown(region, { button: 0, clientX: 80, clientY: 33.75, pointerId: 1 })
    fireEvent.pointerMove(canvas, { clientX: 120, clientY: 56.25, pointerId: 1 })
    fireEvent.pointerUp(canvas, { pointerId: 1 })

    expect(log.at(-1)).toEqual([{ x0: 0.2, y0: 0.2, x1: 0.4, y1: 0.3 }])
  })

  it('is usable from the keyboard: add, move with arrows, resize with Shift, delete', async () => {
    const user = userEvent.setup()
    const log: Region[][] = []
    render(<Harness log={log} />)

    await user.click(screen.getByRole('button', { name: 'Add a subtitle band' }))
    const region = screen.getByRole('button', { name: /^Region 1:/ })
    region.focus()
    await user.keyboard('{ArrowUp}')
    expect(log.at(-1)).toEqual([{ x0: 0.1, y0: 0.77, x1: 0.9, y1: 0.94 }])
    await user.keyboard('{Shift>}{ArrowRight}{/Shift}')
    expect(log.at(-1)?.[0].x1).toBe(0.91)
    await user.keyboard('{Delete}')
    expect(log.at(-1)).toEqual([])
  })

  it('takes optional times per region and says when they are wrong', async () => {
    const user = userEvent.setup()
    const log: Region[][] = []
    render(<Harness log={log} initial={[{ x0: 0.1, y0: 0.8, x1: 0.9, y1: 0.95 }]} />)

    await user.type(screen.getByLabelText('Region 1 start (s)'), '4')
    await user.type(screen.getByLabelText('Region 1 end (s)'), '2')

    expect(log.at(-1)?.[0]).toMatchObject({ start: 4, end: 2 })
    expect(screen.getByText('End must be after start.')).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Remove region 1' }))
    expect(log.at(-1)).toEqual([])
  })
})
