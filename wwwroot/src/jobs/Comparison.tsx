import { useRef, useState } from 'react'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Slider from '@mui/material/Slider'
import Stack from '@mui/material/Stack'
import ToggleButton from '@mui/material/ToggleButton'
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup'
import Typography from '@mui/material/Typography'

/** The original and the result, either side by side or one over the other with a slider, played together. */
export function Comparison({ before, after }: { before: string; after: string }) {
  const [mode, setMode] = useState<'slider' | 'side'>('slider')
  const [split, setSplit] = useState(50)
  const [playing, setPlaying] = useState(false)
  const a = useRef<HTMLVideoElement>(null)
  const b = useRef<HTMLVideoElement>(null)

  const both = (f: (v: HTMLVideoElement) => void) => [a.current, b.current].forEach((v) => v && f(v))
  const toggle = () => {
    if (playing) both((v) => v.pause())
    else {
      const t = a.current?.currentTime ?? 0
      both((v) => {
        v.currentTime = t
        void v.play().catch(() => undefined)
      })
    }
    setPlaying(!playing)
  }
  const video = (ref: React.RefObject<HTMLVideoElement | null>, src: string, label: string, extra?: object) => (
    <Box component="video" ref={ref} src={src} muted playsInline preload="metadata" aria-label={label} onEnded={() => setPlaying(false)}
      sx={{ width: '100%', display: 'block', bgcolor: 'black', ...extra }} />
  )

  return (
    <Box data-testid="comparison">
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1, gap: 1, flexWrap: 'wrap' }}>
        <ToggleButtonGroup size="small" exclusive value={mode} onChange={(_, m) => m && setMode(m)} aria-label="Comparison layout">
          <ToggleButton value="slider">Slider</ToggleButton>
          <ToggleButton value="side">Side by side</ToggleButton>
        </ToggleButtonGroup>
        <Button variant="outlined" onClick={toggle}>{playing ? 'Pause both' : 'Play both'}</Button>
      </Stack>
      {mode === 'side' ? (
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={1}>
          <Box sx={{ flex: 1 }}>
            <Typography variant="caption">Original</Typography>
            {video(a, before, 'Original video')}
          </Box>
          <Box sx={{ flex: 1 }}>
            <Typography variant="caption">Cleaned</Typography>
            {video(b, after, 'Cleaned video')}
          </Box>
        </Stack>
      ) : (
        <>
          <Box sx={{ position: 'relative' }}>
            {video(a, before, 'Original video')}
            {video(b, after, 'Cleaned video', { position: 'absolute', inset: 0, height: '100%', clipPath: `inset(0 0 0 ${split}%)` })}
            <Box aria-hidden sx={{ position: 'absolute', top: 0, bottom: 0, left: `${split}%`, width: 2, bgcolor: 'white', boxShadow: '0 0 4px black' }} />
          </Box>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mt: 1 }}>
            <Typography variant="caption">Original</Typography>
            <Slider value={split} onChange={(_, v) => setSplit(v as number)} aria-label="Comparison position: left shows the original, right the result" />
            <Typography variant="caption">Cleaned</Typography>
          </Stack>
        </>
      )}
    </Box>
  )
}
