import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react'
import Button from '@mui/material/Button'
import Typography from '@mui/material/Typography'
import { api, call } from '../api/client'
import { ProblemAlert } from '../components/ProblemAlert'
import { Loading } from '../App'
import { normalizeMetadata, type Metadata, type Resource } from './model'

// One request per page load: every admin view (and a remount of the console) shares it.
let pending: Promise<Metadata> | null = null

function loadMetadata(): Promise<Metadata> {
  pending ??= call(api.GET('/api/v1/admin/metadata')).then(normalizeMetadata, (error: unknown) => {
    pending = null // let a retry ask again
    throw error
  })
  return pending
}

const Context = createContext<Metadata>({ resources: [] })

/** Loads the metadata once and renders the console when it is there. */
export function MetadataProvider({ children }: { children: ReactNode }) {
  const [metadata, setMetadata] = useState<Metadata | null>(null)
  const [error, setError] = useState<unknown>(null)
  const load = useCallback(() => {
    setError(null)
    let live = true
    loadMetadata().then((m) => live && setMetadata(m), (e: unknown) => live && setError(e))
    return () => { live = false }
  }, [])
  useEffect(load, [load])

  if (error) {
    return (
      <>
        <Typography variant="h4" component="h1" sx={{ mb: 2 }}>Admin console</Typography>
        <ProblemAlert error={error} />
        <Button variant="outlined" onClick={load}>Try again</Button>
      </>
    )
  }
  if (!metadata) return <Loading />
  return <Context.Provider value={metadata}>{children}</Context.Provider>
}

export const useMetadata = () => useContext(Context)

export function useResource(name: string | undefined): Resource | undefined {
  return useMetadata().resources.find((r) => r.name === name)
}
