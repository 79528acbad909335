import { describe, expect, it } from 'vitest'
import { ApiProblem } from '../api/problem'
import type { UploadInfo } from '../api/types'
import { refusal, UploadQueue, type UploadTransport } from './uploadQueue'

const rules = { maxBytes: 1000, extensions: ['.mp4', '.mov', '.avi'] }
const file = (name: string, size: number, type = '') => new File([new Uint8Array(size)], name, { type })

/** A transport the test drives by hand: each send waits until the test reports progress and settles it. */
class ManualTransport implements UploadTransport {
  calls: Array<{ file: File; progress: (n: number) => void; signal: AbortSignal; resolve: (u: UploadInfo) => void; reject: (e: unknown) => void }> = []
  send(f: File, progress: (n: number) => void, signal: AbortSignal): Promise<UploadInfo> {
    return new Promise((resolve, reject) => {
      signal.addEventListener('abort', () => reject(new ApiProblem(0, { title: 'Cancelled' })))
      this.calls.push({ file: f, progress, signal, resolve, reject })
    })
  }
}

const info = (name: string): UploadInfo => ({ id: `id-${name}`, fileName: name, status: 'Ready', size: 10, media: null, createdAt: '2026-01-01T00:00:00Z' }) as unknown as UploadInfo
const tick = () => new Promise((r) => setTimeout(r, 0))

describe('refusal', () => {
  it('accepts the three containers by extension or type', () => {
    expect(refusal(file('a.MP4', 10), rules)).toBeNull()
    expect(refusal(file('clip', 10, 'video/quicktime'), rules)).toBeNull()
    expect(refusal(file('b.avi', 10), rules)).toBeNull()
  })
  it('refuses other types, empty files and files over the limit with a reason', () => {
    expect(refusal(file('notes.txt', 10, 'text/plain'), rules)).toMatch(/Not an MP4, MOV or AVI/)
    expect(refusal(file('a.mp4', 0), rules)).toMatch(/empty/)
    expect(refusal(file('a.mp4', 1001), rules)).toMatch(/Larger than the limit/)
  })
})

describe('UploadQueue', () => {
  it('lists refused files without sending them and sends the others one at a time', async () => {
    const transport = new ManualTransport()
    const queue = new UploadQueue(transport, rules)
    queue.add([file('a.mp4', 100), file('bad.exe', 5, 'application/x-msdownload'), file('b.mov', 200)])
    await tick()

    expect(queue.snapshot().map((i) => i.state)).toEqual(['uploading', 'rejected', 'waiting'])
    expect(transport.calls.map((c) => c.file.name)).toEqual(['a.mp4'])

    transport.calls[0].resolve(info('a.mp4'))
    await tick()
    expect(queue.snapshot().map((i) => i.state)).toEqual(['done', 'rejected', 'uploading'])
    expect(queue.snapshot()[0].upload?.id).toBe('id-a.mp4')
    expect(transport.calls.map((c) => c.file.name)).toEqual(['a.mp4', 'b.mov'])
  })

  it('reports bytes, speed and time left from progress, then checking once every byte is sent', async () => {
    let now = 0
    const transport = new ManualTransport()
    const queue = new UploadQueue(transport, rules, () => now)
    queue.add([file('a.mp4', 1000)])
    await tick()

    now = 1000
    transport.calls[0].progress(250)
    let item = queue.snapshot()[0]
    expect(item.loaded).toBe(250)
    expect(item.speed).toBeCloseTo(250)
    expect(item.secondsLeft).toBeCloseTo(3)

    now = 2000
    transport.calls[0].progress(1000)
    item = queue.snapshot()[0]
    expect(item.state).toBe('checking')
    expect(item.secondsLeft).toBe(0)
  })

  it('cancels an upload in flight (the transport is aborted) and goes on with the next', async () => {
    const transport = new ManualTransport()
    const queue = new UploadQueue(transport, rules)
    queue.add([file('a.mp4', 100), file('b.mp4', 100)])
    await tick()
    const first = queue.snapshot()[0]

    queue.cancel(first.id)
    await tick()

    expect(transport.calls[0].signal.aborted).toBe(true)
    expect(queue.snapshot().map((i) => i.state)).toEqual(['cancelled', 'uploading'])
  })

  it('shows the server problem when an upload fails, and notifies subscribers of each change', async () => {
    const transport = new ManualTransport()
    const queue = new UploadQueue(transport, rules)
    let changes = 0
    const unsubscribe = queue.subscribe(() => changes++)
    queue.add([file('a.mp4', 100)])
    await tick()

    transport.calls[0].reject(new ApiProblem(415, { title: 'Unsupported video', detail: 'The file is not a video ffprobe can read.' }))
    await tick()

    const item = queue.snapshot()[0]
    expect(item.state).toBe('failed')
    expect(item.error).toBe('The file is not a video ffprobe can read.')
    expect(changes).toBeGreaterThanOrEqual(3)
    unsubscribe()
    queue.remove(item.id)
    expect(queue.snapshot()).toEqual([])
    expect(changes).toBeGreaterThanOrEqual(3)
  })
})
