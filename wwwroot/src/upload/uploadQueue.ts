import type { UploadInfo } from '../api/types'

export type UploadState = 'rejected' | 'waiting' | 'uploading' | 'checking' | 'done' | 'failed' | 'cancelled'

export interface UploadItem {
  id: number
  file: File
  state: UploadState
  loaded: number
  /** Bytes per second over the last few seconds. */
  speed: number
  /** Seconds left at that speed, while uploading. */
  secondsLeft: number | null
  error?: string
  upload?: UploadInfo
}

/** How the bytes travel: presign, PUT straight to storage with progress, complete (the server's direct path). */
export interface UploadTransport {
  send(file: File, onProgress: (loaded: number) => void, signal: AbortSignal): Promise<UploadInfo>
}

export interface UploadRules {
  maxBytes: number
  extensions: string[]
}

const videoTypes = ['video/mp4', 'video/quicktime', 'video/x-msvideo', 'video/avi', 'video/msvideo']

/** Why a file is refused before anything is sent, or null when it may go. */
export function refusal(file: File, rules: UploadRules): string | null {
  const extension = file.name.includes('.') ? file.name.slice(file.name.lastIndexOf('.')).toLowerCase() : ''
  if (!rules.extensions.includes(extension) && !videoTypes.includes(file.type))
    return `Not an MP4, MOV or AVI video (${extension || file.type || 'unknown type'}).`
  if (file.size === 0) return 'The file is empty.'
  if (file.size > rules.maxBytes) return `Larger than the limit of ${Math.floor(rules.maxBytes / 1024 / 1024)} MB.`
  return null
}

/**
 * Files to upload, one at a time, each with its progress (bytes, speed, time left), cancellable. Files the rules
 * refuse are listed as rejected and never sent. React reads it with useSyncExternalStore (subscribe/snapshot).
 */
export class UploadQueue {
  private items: UploadItem[] = []
  private readonly listeners = new Set<() => void>()
  private readonly controllers = new Map<number, AbortController>()
  private nextId = 1
  private running = false

  constructor(
    private readonly transport: UploadTransport,
    private readonly rules: UploadRules,
    private readonly now: () => number = () => Date.now(),
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  snapshot = (): UploadItem[] => this.items

  add(files: Iterable<File>): void {
    for (const file of files) {
      const why = refusal(file, this.rules)
      this.items = [...this.items, {
        id: this.nextId++, file, state: why ? 'rejected' : 'waiting', loaded: 0, speed: 0, secondsLeft: null, error: why ?? undefined,
      }]
    }
    this.emit()
    void this.pump()
  }

  cancel(id: number): void {
    const item = this.items.find((i) => i.id === id)
    if (!item || !['waiting', 'uploading'].includes(item.state)) return
    this.controllers.get(id)?.abort()
    this.update(id, { state: 'cancelled', secondsLeft: null })
  }

  remove(id: number): void {
    this.cancel(id)
    this.items = this.items.filter((i) => i.id !== id)
    this.emit()
  }

  private async pump(): Promise<void> {
    if (this.running) return
    this.running = true
    try {
      for (let next = this.items.find((i) => i.state === 'waiting'); next; next = this.items.find((i) => i.state === 'waiting'))
        await this.run(next)
    } finally {
      this.running = false
    }
  }

  private async run(item: UploadItem): Promise<void> {
    const controller = new AbortController()
    this.controllers.set(item.id, controller)
    const samples: Array<[number, number]> = [[this.now(), 0]]
    this.update(item.id, { state: 'uploading' })
    try {
      const upload = await this.transport.send(item.file, (loaded) => {
        const t = this.now()
        samples.push([t, loaded])
        while (samples.length > 2 && t - samples[0][0] > 3000) samples.shift()
        const [t0, l0] = samples[0]
        const speed = t > t0 ? ((loaded - l0) * 1000) / (t - t0) : 0
        const left = item.file.size - loaded
        this.update(item.id, {
          loaded,
          speed,
          secondsLeft: speed > 0 ? left / speed : null,
          state: loaded >= item.file.size ? 'checking' : 'uploading',
        })
      }, controller.signal)
      if (this.current(item.id)?.state === 'cancelled') return
      this.update(item.id, { state: 'done', loaded: item.file.size, secondsLeft: 0, upload })
    } catch (error) {
      if (this.current(item.id)?.state === 'cancelled') return
      this.update(item.id, { state: 'failed', secondsLeft: null, error: error instanceof Error ? error.message : String(error) })
    } finally {
      this.controllers.delete(item.id)
    }
  }

  private current(id: number) {
    return this.items.find((i) => i.id === id)
  }

  private update(id: number, change: Partial<UploadItem>): void {
    this.items = this.items.map((i) => (i.id === id ? { ...i, ...change } : i))
    this.emit()
  }

  private emit(): void {
    this.listeners.forEach((l) => l())
  }
}
