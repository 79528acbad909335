import { useEffect, useRef } from 'react'
import { HubConnectionBuilder, LogLevel, type HubConnection } from '@microsoft/signalr'
import { accessToken } from '../api/session'
import type { JobInfo } from '../api/types'

type Listener = (job: JobInfo) => void

const listeners = new Set<Listener>()
let connection: HubConnection | null = null
let starting: Promise<void> | null = null

/** One connection to /hubs/jobs for the whole app, opened while something listens, reconnecting by itself. The
 * token is asked for on every (re)connect, so a refreshed session is used. */
function ensureConnected(): void {
  if (connection) return
  connection = new HubConnectionBuilder()
    .withUrl('/hubs/jobs', { accessTokenFactory: async () => (await accessToken()) ?? '' })
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 30000])
    .configureLogging(LogLevel.Warning)
    .build()
  connection.on('jobChanged', (job: JobInfo) => listeners.forEach((l) => l(job)))
  const current = connection
  current.onclose(() => {
    // Automatic reconnect gave up (or the server stopped): start over on the next listener.
    if (connection === current) connection = null
  })
  starting = current.start().catch(() => {
    if (connection === current) connection = null
  })
}

function release(): void {
  if (listeners.size > 0 || !connection) return
  const closing = connection
  connection = null
  void (starting ?? Promise.resolve()).then(() => closing.stop())
}

/** Calls `onJob` with every job of the account as it changes (status, progress), pushed by the server. */
export function useJobEvents(onJob: Listener): void {
  const latest = useRef(onJob)
  useEffect(() => {
    latest.current = onJob
  })
  useEffect(() => {
    const listener: Listener = (job) => latest.current(job)
    listeners.add(listener)
    ensureConnected()
    return () => {
      listeners.delete(listener)
      release()
    }
  }, [])
}
