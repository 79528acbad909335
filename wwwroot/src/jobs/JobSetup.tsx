import { useEffect, useMemo, useRef, useState } from 'react'
import { Link as RouterLink } from 'react-router-dom'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import FormControl from '@mui/material/FormControl'
import FormControlLabel from '@mui/material/FormControlLabel'
import FormLabel from '@mui/material/FormLabel'
import Grid from '@mui/material/Grid'
import MenuItem from '@mui/material/MenuItem'
import Paper from '@mui/material/Paper'
import Radio from '@mui/material/Radio'
import RadioGroup from '@mui/material/RadioGroup'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import type { components } from '../api/schema'
import { api, call } from '../api/client'
import { asProblem } from '../api/problem'
import type { JobInfo, MediaInfo, UploadInfo } from '../api/types'
import { useAuth } from '../auth'
import { ProblemAlert } from '../components/ProblemAlert'
import { bytes, duration } from '../format'
import { RegionEditor } from '../regions/RegionEditor'
import { timeProblem, type Region } from '../regions/geometry'

type Estimate = components['schemas']['JobEstimate']
type Quality = components['schemas']['OutputQuality']
type Mode = 'auto' | 'regions' | 'auto-in-regions'

const modes: Array<{ value: Mode; label: string; hint: string }> = [
  { value: 'auto', label: 'Find all text automatically', hint: 'Subtitles, captions and watermarks anywhere in the frame.' },
  { value: 'regions', label: 'Clean only the regions I mark', hint: 'Everything inside the rectangles is removed.' },
  { value: 'auto-in-regions', label: 'Find text inside the regions I mark', hint: 'Only text found inside the rectangles is removed.' },
]

/** Job settings for one ready upload: what to clean (drawn on a still of the video), quality, the live estimate, and
 * submit, which is refused here (with the reason and a way to buy) when credits are short. */
export function JobSetup({ upload, onSubmitted }: { upload: UploadInfo; onSubmitted: (job: JobInfo) => void }) {
  const { me, reload } = useAuth()
  const media = (upload.media ?? null) as MediaInfo | null
  const [name, setName] = useState(upload.fileName.replace(/\.[^.]+$/, ''))
  const [mode, setMode] = useState<Mode>('auto')
  const [regions, setRegions] = useState<Region[]>([])
  const [quality, setQuality] = useState<Quality>('Standard')
  const [preview, setPreview] = useState<string | null>(null)
  const [aspect, setAspect] = useState(media && media.height > 0 ? media.width / media.height : 16 / 9)
  const [estimate, setEstimate] = useState<Estimate | null>(null)
  const [estimateError, setEstimateError] = useState<unknown>(null)
  const [submitError, setSubmitError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const idempotencyKey = useRef(crypto.randomUUID())

  useEffect(() => {
    let live = true
    call(api.GET('/api/v1/uploads/{id}/preview', { params: { path: { id: upload.id } } }))
      .then((link) => {
        const image = new Image()
        image.onload = () => live && image.naturalHeight > 0 && setAspect(image.naturalWidth / image.naturalHeight)
        image.src = link.url!
        if (live) setPreview(link.url!)
      })
      .catch(() => undefined) // the still is a help, not a requirement: regions can still be added
    return () => {
      live = false
    }
  }, [upload.id])

  const config = useMemo(() => ({
    autoDetect: mode !== 'regions',
    regions: mode === 'auto' ? [] : regions.map((r) => ({ x0: r.x0, y0: r.y0, x1: r.x1, y1: r.y1, start: r.start ?? null, end: r.end ?? null })),
    quality,
  }), [mode, regions, quality])

  const available = me?.credits?.available
  // The price depends on the video, not on what is marked: an unfinished marking must not turn into an error here.
  const pricedConfig = useMemo(() => (mode !== 'auto' && regions.length === 0 ? { autoDetect: true } : config), [mode, regions.length, config])
  useEffect(() => {
    let live = true
    const timer = setTimeout(() => {
      call(api.POST('/api/v1/jobs/estimate', { body: { uploadId: upload.id, config: pricedConfig } }))
        .then((e) => live && (setEstimate(e), setEstimateError(null)))
        .catch((e) => live && setEstimateError(e))
    }, 250)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [upload.id, pricedConfig, available])

  const needsRegions = mode !== 'auto' && regions.length === 0
  const badTimes = mode !== 'auto' && regions.some((r) => timeProblem(r, media?.durationSeconds) !== null)
  const short = estimate != null && estimate.sufficient === false
  const blocked = needsRegions ? 'Mark at least one region, or choose automatic detection.'
    : badTimes ? 'Fix the region times first.'
    : short ? `Not enough credits: this job needs ${estimate.credits}, you have ${estimate.available} available.`
    : !estimate ? 'Waiting for the estimate…' : null

  const submit = async () => {
    setBusy(true)
    setSubmitError(null)
    try {
      const job = await call(api.POST('/api/v1/jobs/submit', {
        body: { uploadId: upload.id, displayName: name.trim() || null, config },
        headers: { 'Idempotency-Key': idempotencyKey.current },
      }))
      void reload()
      onSubmitted(job as JobInfo)
    } catch (e) {
      setSubmitError(e)
      // A refused submit may be sent again as a new attempt; an unanswered one keeps its key so it cannot run twice.
      if (asProblem(e).status !== 0) idempotencyKey.current = crypto.randomUUID()
    } finally {
      setBusy(false)
    }
  }

  return (
    <Paper sx={{ p: 2 }} component="section" aria-label={`Settings for ${upload.fileName}`} data-testid="job-setup">
      <Typography variant="h6" component="h2" sx={{ wordBreak: 'break-all' }}>{upload.fileName}</Typography>
      {media && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {media.width}×{media.height} · {duration(media.durationSeconds)} · {Math.round(media.frameRate)} fps · {bytes(upload.size)}
          {media.hasAudio ? ' · audio kept' : ''}
        </Typography>
      )}
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 7 }}>
          {mode === 'auto' ? (
            <Box sx={{ width: '100%', aspectRatio: `${aspect}`, bgcolor: 'grey.900', borderRadius: 1, background: preview ? `url("${preview}") center / 100% 100%` : undefined }}
              role="img" aria-label={`Still of ${upload.fileName}`} />
          ) : (
            <RegionEditor imageUrl={preview} aspect={aspect} regions={regions} onChange={setRegions} durationSeconds={media?.durationSeconds} />
          )}
        </Grid>
        <Grid size={{ xs: 12, md: 5 }}>
          <TextField label="Job name" value={name} onChange={(e) => setName(e.target.value)} margin="dense" />
          <FormControl component="fieldset" sx={{ mt: 1 }}>
            <FormLabel component="legend">What to clean</FormLabel>
            <RadioGroup value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
              {modes.map((m) => (
                <FormControlLabel key={m.value} value={m.value} control={<Radio />}
                  label={<span>{m.label}<Typography variant="caption" component="span" color="text.secondary" sx={{ display: 'block' }}>{m.hint}</Typography></span>} />
              ))}
            </RadioGroup>
          </FormControl>
          <TextField select label="Quality" value={quality} onChange={(e) => setQuality(e.target.value as Quality)} margin="dense">
            <MenuItem value="Standard">Standard (smaller files)</MenuItem>
            <MenuItem value="High">High (near-lossless)</MenuItem>
          </TextField>

          <Box sx={{ mt: 2 }} aria-live="polite" data-testid="estimate">
            {estimate && (
              <Typography>
                Cost: <strong>{estimate.credits} credit{estimate.credits === 1 ? '' : 's'}</strong> · you have {estimate.available} available
                <Typography variant="caption" component="span" color="text.secondary" sx={{ display: 'block' }}>{estimate.basis}</Typography>
              </Typography>
            )}
            {estimateError ? <ProblemAlert error={estimateError} /> : null}
            {short && (
              <Alert severity="warning" sx={{ mt: 1 }} action={<Button component={RouterLink} to="/billing" color="inherit" size="small">Buy credits</Button>}>
                {blocked}
              </Alert>
            )}
          </Box>
          <ProblemAlert error={submitError} />
          <Button variant="contained" size="large" fullWidth sx={{ mt: 2 }} disabled={busy || blocked !== null} onClick={submit}>
            {busy ? 'Submitting…' : 'Remove the text'}
          </Button>
          {blocked && !short && <Typography variant="caption" color="text.secondary" role="status">{blocked}</Typography>}
        </Grid>
      </Grid>
    </Paper>
  )
}
