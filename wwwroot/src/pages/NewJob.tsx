import { useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import { Link as RouterLink, useNavigate } from 'react-router-dom'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import type { components } from '../api/schema'
import { api, call } from '../api/client'
import type { JobInfo } from '../api/types'
import { ProblemAlert } from '../components/ProblemAlert'
import { JobSetup } from '../jobs/JobSetup'
import { directUpload } from '../upload/transport'
import { UploadPanel } from '../upload/UploadPanel'
import { UploadQueue } from '../upload/uploadQueue'
import { Loading } from '../App'

type Limits = components['schemas']['UploadLimits']

function Uploads({ limits }: { limits: Required<Limits> }) {
  const queue = useMemo(() => new UploadQueue(directUpload, { maxBytes: limits.maxBytes, extensions: [...limits.extensions] }), [limits])
  const items = useSyncExternalStore(queue.subscribe, queue.snapshot)
  const [submitted, setSubmitted] = useState<Record<number, JobInfo>>({})
  const navigate = useNavigate()
  const ready = items.filter((i) => i.state === 'done' && i.upload)

  const onSubmitted = (itemId: number, job: JobInfo) => {
    const others = ready.filter((i) => i.id !== itemId && !submitted[i.id])
    const uploading = items.some((i) => ['waiting', 'uploading', 'checking'].includes(i.state))
    if (others.length === 0 && !uploading) navigate(`/jobs/${job.id}`)
    else setSubmitted((s) => ({ ...s, [itemId]: job }))
  }

  return (
    <Stack spacing={2}>
      <UploadPanel queue={queue} accept={[...limits.extensions]} maxBytes={limits.maxBytes} />
      {ready.map((item) =>
        submitted[item.id] ? (
          <Alert key={item.id} severity="success"
            action={<Button component={RouterLink} to={`/jobs/${submitted[item.id].id}`} color="inherit" size="small">Follow the job</Button>}>
            {item.file.name}: submitted.
          </Alert>
        ) : (
          <JobSetup key={item.id} upload={item.upload!} onSubmitted={(job) => onSubmitted(item.id, job)} />
        ),
      )}
    </Stack>
  )
}

/** Upload one or more videos, then set up and submit a job for each. */
export function NewJob() {
  const [limits, setLimits] = useState<Required<Limits> | null>(null)
  const [error, setError] = useState<unknown>(null)
  useEffect(() => {
    call(api.GET('/api/v1/uploads/limits')).then((l) => setLimits(l as Required<Limits>)).catch(setError)
  }, [])

  return (
    <>
      <Typography variant="h4" component="h1" gutterBottom>New job</Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        Upload a video, choose what to clean, and we remove the burned-in text while keeping the sound.
        {limits && ` Videos up to ${Math.round(limits.maxDurationSeconds / 60)} minutes and ${limits.maxLongSide}×${limits.maxShortSide}.`}
      </Typography>
      {error ? <ProblemAlert error={error} /> : limits ? <Uploads limits={limits} /> : <Loading />}
    </>
  )
}
