import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import IconButton from '@mui/material/IconButton'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import AddIcon from '@mui/icons-material/Add'
import DeleteIcon from '@mui/icons-material/Delete'
import { fromPoints, isUsable, moveBy, resizeBy, subtitleBand, timeProblem, type Region } from './geometry'

interface Props {
  /** A still of the video (null while it loads or when there is none). */
  imageUrl: string | null
  /** Frame width / height. */
  aspect: number
  regions: Region[]
  onChange: (regions: Region[]) => void
  /** Video length in seconds, to check the times against. */
  durationSeconds?: number
  maxRegions?: number
}

type Drag =
  | { kind: 'draw'; ax: number; ay: number; bx: number; by: number }
  | { kind: 'move' | 'resize'; index: number; ax: number; ay: number; origin: Region }

const pct = (v: number) => `${Math.round(v * 1000) / 10}`
const step = 0.01

/** Rectangles drawn on a still of the video: drag on the picture to draw, drag a rectangle to move it, its corner to
 * resize. With the keyboard: Tab to a rectangle, arrows move it, Shift+arrows resize it, Delete removes it. Each
 * region may have a start and end time. */
export function RegionEditor({ imageUrl, aspect, regions, onChange, durationSeconds, maxRegions = 20 }: Props) {
  const surface = useRef<HTMLDivElement>(null)
  const [drag, setDrag] = useState<Drag | null>(null)

  const point = (e: PointerEvent) => {
    const box = surface.current!.getBoundingClientRect()
    return [(e.clientX - box.left) / box.width, (e.clientY - box.top) / box.height] as const
  }
  const replace = (index: number, region: Region) => onChange(regions.map((r, i) => (i === index ? region : r)))
  const remove = (index: number) => onChange(regions.filter((_, i) => i !== index))
  const full = regions.length >= maxRegions

  const begin = (e: PointerEvent<HTMLElement>, next: Drag) => {
    if (e.button !== 0) return
    e.preventDefault()
    e.stopPropagation()
    surface.current?.setPointerCapture?.(e.pointerId)
    setDrag(next)
  }

  const onSurfaceDown = (e: PointerEvent<HTMLDivElement>) => {
    if (full) return
    const [x, y] = point(e)
    begin(e, { kind: 'draw', ax: x, ay: y, bx: x, by: y })
  }

  const onMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag) return
    const [x, y] = point(e)
    if (drag.kind === 'draw') setDrag({ ...drag, bx: x, by: y })
    else {
      const moved = drag.kind === 'move' ? moveBy(drag.origin, x - drag.ax, y - drag.ay) : resizeBy(drag.origin, x - drag.ax, y - drag.ay)
      replace(drag.index, moved)
    }
  }

  const onUp = () => {
    if (drag?.kind === 'draw') {
      const region = fromPoints(drag.ax, drag.ay, drag.bx, drag.by)
      if (isUsable(region)) onChange([...regions, region])
    }
    setDrag(null)
  }

  const onKey = (index: number) => (e: KeyboardEvent<HTMLDivElement>) => {
    const r = regions[index]
    const d: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }
    if (d[e.key]) {
      e.preventDefault()
      const [dx, dy] = d[e.key]
      replace(index, e.shiftKey ? resizeBy(r, dx, dy) : moveBy(r, dx, dy))
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault()
      remove(index)
    }
  }

  const draft = drag?.kind === 'draw' ? fromPoints(drag.ax, drag.ay, drag.bx, drag.by) : null
  const rect = (r: Region) => ({ left: `${r.x0 * 100}%`, top: `${r.y0 * 100}%`, width: `${(r.x1 - r.x0) * 100}%`, height: `${(r.y1 - r.y0) * 100}%` })

  return (
    <Box>
      <Box
        ref={surface}
        data-testid="region-canvas"
        aria-label="Video still: drag on it to mark a region to clean"
        role="group"
        onPointerDown={onSurfaceDown}
        onPointerMove={onMove}
        onPointerUp={onUp}
        onPointerCancel={() => setDrag(null)}
        sx={{
          position: 'relative', width: '100%', aspectRatio: `${aspect}`, bgcolor: 'grey.900', borderRadius: 1, overflow: 'hidden',
          cursor: full ? 'default' : 'crosshair', touchAction: 'none', userSelect: 'none',
          backgroundImage: imageUrl ? `url("${imageUrl}")` : undefined, backgroundSize: '100% 100%',
        }}
      >
        {!imageUrl && (
          <Typography sx={{ color: 'grey.400', position: 'absolute', inset: 0, display: 'grid', placeItems: 'center' }}>Loading the preview…</Typography>
        )}
        {regions.map((r, i) => (
          <Box
            key={i}
            tabIndex={0}
            role="button"
            data-testid="region"
            aria-label={`Region ${i + 1}: ${pct(r.x0)}–${pct(r.x1)} % across, ${pct(r.y0)}–${pct(r.y1)} % down. Arrows move it, Shift+arrows resize it, Delete removes it.`}
            onKeyDown={onKey(i)}
            onPointerDown={(e) => {
              const [x, y] = point(e)
              begin(e, { kind: 'move', index: i, ax: x, ay: y, origin: r })
            }}
            sx={{
              position: 'absolute', ...rect(r), border: '2px solid', borderColor: 'warning.main', bgcolor: 'rgba(255,167,38,0.25)',
              cursor: 'move', '&:focus-visible': { outline: '3px solid white', outlineOffset: 1 },
            }}
          >
            <Box component="span" sx={{ position: 'absolute', left: 2, top: 0, fontSize: 12, fontWeight: 700, color: 'white', textShadow: '0 0 3px black' }}>
              {i + 1}
            </Box>
            <Box
              aria-hidden
              onPointerDown={(e) => {
                const [x, y] = point(e)
                begin(e, { kind: 'resize', index: i, ax: x, ay: y, origin: r })
              }}
              sx={{ position: 'absolute', right: -6, bottom: -6, width: 14, height: 14, bgcolor: 'warning.main', border: '2px solid white', cursor: 'nwse-resize' }}
            />
          </Box>
        ))}
        {draft && <Box sx={{ position: 'absolute', ...rect(draft), border: '2px dashed white', pointerEvents: 'none' }} />}
      </Box>

      <Stack spacing={1} sx={{ mt: 1 }}>
        {regions.map((r, i) => {
          const problem = timeProblem(r, durationSeconds)
          const time = (key: 'start' | 'end', value: string) => replace(i, { ...r, [key]: value === '' ? null : Number(value) })
          return (
            <Stack key={i} direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: { sm: "center" } }} data-testid="region-row">
              <Typography sx={{ minWidth: 90 }}>Region {i + 1}</Typography>
              <TextField size="small" margin="none" type="number" label={`Region ${i + 1} start (s)`} value={r.start ?? ''}
                onChange={(e) => time('start', e.target.value)} slotProps={{ htmlInput: { min: 0, step: 0.1 } }}
                helperText={problem ?? 'Empty: from the beginning'} error={!!problem} />
              <TextField size="small" margin="none" type="number" label={`Region ${i + 1} end (s)`} value={r.end ?? ''}
                onChange={(e) => time('end', e.target.value)} slotProps={{ htmlInput: { min: 0, step: 0.1 } }}
                helperText="Empty: to the end" />
              <IconButton aria-label={`Remove region ${i + 1}`} onClick={() => remove(i)}>
                <DeleteIcon />
              </IconButton>
            </Stack>
          )
        })}
        <Box>
          <Button startIcon={<AddIcon />} onClick={() => onChange([...regions, subtitleBand])} disabled={full}>
            Add a subtitle band
          </Button>
          <Typography variant="caption" color="text.secondary" sx={{ ml: 1 }}>
            {full ? `At most ${maxRegions} regions.` : 'Or drag on the picture.'}
          </Typography>
        </Box>
      </Stack>
    </Box>
  )
}
