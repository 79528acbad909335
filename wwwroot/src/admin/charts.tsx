import { useEffect, useRef, useState, type ReactNode } from 'react'
import Box from '@mui/material/Box'
import Paper from '@mui/material/Paper'
import Typography from '@mui/material/Typography'

/** Plain SVG charts: each is an image with a summary for screen readers and its numbers in a table under <details>. */

export interface Series {
  name: string
  color: string
  /** One value per label; null where there is none (a gap in a line). */
  values: (number | null)[]
}

interface ChartProps {
  title: string
  /** What a screen reader says instead of the picture. */
  summary: string
  labels: string[]
  series: Series[]
  format?: (n: number) => string
}

const height = 200
const margin = { top: 10, right: 8, bottom: 24, left: 48 }

/** Bars per label: stacked (jobs by status) or side by side (sold vs used). */
export function BarChart({ stacked = false, ...props }: ChartProps & { stacked?: boolean }) {
  const { labels, series, format = fmt } = props
  return (
    <ChartFrame {...props} format={format}>
      {(width) => {
        const totals = labels.map((_, i) => stacked ? sum(series.map((s) => s.values[i] ?? 0)) : Math.max(0, ...series.map((s) => s.values[i] ?? 0)))
        const scale = yScale(Math.max(0, ...totals))
        const band = (width - margin.left - margin.right) / Math.max(1, labels.length)
        const barWidth = Math.max(1, band * 0.7)
        return (
          <Axes width={width} labels={labels} scale={scale} format={format}>
            {labels.map((label, i) => {
              let base = 0
              return series.map((s, j) => {
                const v = s.values[i] ?? 0
                if (v <= 0) return null
                const w = stacked ? barWidth : barWidth / series.length
                const x = margin.left + i * band + (band - barWidth) / 2 + (stacked ? 0 : j * w)
                const y0 = stacked ? base : 0
                if (stacked) base += v
                return (
                  <rect key={`${label}-${s.name}`} x={x} width={w} y={scale.y(y0 + v)} height={scale.y(y0) - scale.y(y0 + v)} fill={s.color}>
                    <title>{`${label} ${s.name}: ${format(v)}`}</title>
                  </rect>
                )
              })
            })}
          </Axes>
        )
      }}
    </ChartFrame>
  )
}

/** Lines through each label's value; the top follows the data, at most `cap` (1 for rates). */
export function LineChart({ cap, ...props }: ChartProps & { cap?: number }) {
  const { labels, series, format = fmt } = props
  return (
    <ChartFrame {...props} format={format}>
      {(width) => {
        const highest = Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0)))
        const scale = yScale(cap === undefined ? highest : Math.min(cap, nice(highest || cap)), cap !== undefined)
        const band = (width - margin.left - margin.right) / Math.max(1, labels.length)
        const x = (i: number) => margin.left + i * band + band / 2
        return (
          <Axes width={width} labels={labels} scale={scale} format={format}>
            {series.map((s) => (
              <g key={s.name}>
                {segments(s.values).map((seg) => (
                  <polyline key={seg[0]} fill="none" stroke={s.color} strokeWidth={2}
                    points={seg.map((i) => `${x(i)},${scale.y(s.values[i] ?? 0)}`).join(' ')} />
                ))}
                {s.values.map((v, i) => v === null ? null : (
                  <circle key={i} cx={x(i)} cy={scale.y(v)} r={3} fill={s.color}><title>{`${labels[i]} ${s.name}: ${format(v)}`}</title></circle>
                ))}
              </g>
            ))}
          </Axes>
        )
      }}
    </ChartFrame>
  )
}

/** One horizontal bar per value (the period's processing time percentiles). */
export function ValueBars({ title, summary, items, format = fmt }: { title: string; summary: string; items: { name: string; color: string; value: number | null }[]; format?: (n: number) => string }) {
  const highest = Math.max(0, ...items.map((i) => i.value ?? 0))
  const top = highest <= 0 ? 1 : nice(highest)
  return (
    <Paper variant="outlined" component="figure" sx={{ m: 0, p: 2, height: '100%', minWidth: 0 }}>
      <Typography component="figcaption" variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>{title}</Typography>
      <svg role="img" aria-label={summary} width="100%" height={items.length * 34} style={{ display: 'block' }}>
        {items.map((item, i) => (
          <g key={item.name} fontSize={12} fill="currentColor">
            <text x={0} y={i * 34 + 14}>{`${item.name}: ${item.value === null ? 'no data' : format(item.value)}`}</text>
            <rect x={0} y={i * 34 + 19} height={10} rx={2} width="100%" fill="#000" fillOpacity={0.06} />
            {item.value !== null && <rect x={0} y={i * 34 + 19} height={10} rx={2} width={`${(item.value / top) * 100}%`} fill={item.color} />}
          </g>
        ))}
      </svg>
      <DataTable title={title} labels={['Whole period']} series={items.map((i) => ({ name: i.name, color: i.color, values: [i.value] }))} format={format} first="Period" />
    </Paper>
  )
}

function ChartFrame({ title, summary, labels, series, format = fmt, children }: ChartProps & { children: (width: number) => ReactNode }) {
  const [ref, width] = useWidth()
  return (
    <Paper variant="outlined" component="figure" sx={{ m: 0, p: 2, height: '100%', minWidth: 0 }}>
      <Typography component="figcaption" variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>{title}</Typography>
      <Legend series={series} />
      <Box ref={ref} sx={{ width: '100%' }}>
        {width > 0 && (
          <svg role="img" aria-label={summary} width={width} height={height} viewBox={`0 0 ${width} ${height}`} style={{ display: 'block' }}>
            {children(width)}
          </svg>
        )}
      </Box>
      <DataTable title={title} labels={labels} series={series} format={format} />
    </Paper>
  )
}

export function Legend({ series }: { series: { name: string; color: string }[] }) {
  if (series.length < 2) return null
  return (
    <Box component="ul" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, listStyle: 'none', p: 0, m: 0, mb: 1, fontSize: 13 }}>
      {series.map((s) => (
        <Box component="li" key={s.name} sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
          <Box aria-hidden sx={{ width: 12, height: 12, borderRadius: 0.5, bgcolor: s.color }} />
          {s.name}
        </Box>
      ))}
    </Box>
  )
}

function DataTable({ title, labels, series, format, first = 'Day' }: { title: string; labels: string[]; series: Series[]; format: (n: number) => string; first?: string }) {
  return (
    <Box component="details" sx={{ mt: 1, fontSize: 13, '& table': { borderCollapse: 'collapse', width: '100%' }, '& th, & td': { textAlign: 'right', p: '2px 6px', borderBottom: 1, borderColor: 'divider' }, '& th:first-of-type': { textAlign: 'left' } }}>
      <summary>Data table</summary>
      <Box sx={{ overflowX: 'auto' }}>
        <table>
          <caption style={{ textAlign: 'left' }}>{title}</caption>
          <thead><tr><th scope="col">{first}</th>{series.map((s) => <th key={s.name} scope="col">{s.name}</th>)}</tr></thead>
          <tbody>
            {labels.map((label, i) => (
              <tr key={label}><th scope="row">{label}</th>{series.map((s) => <td key={s.name}>{s.values[i] === null ? '—' : format(s.values[i] ?? 0)}</td>)}</tr>
            ))}
          </tbody>
        </table>
      </Box>
    </Box>
  )
}

/** Y axis with four grid lines, X labels thinned so they never overlap. */
function Axes({ width, labels, scale, format, children }: { width: number; labels: string[]; scale: Scale; format: (n: number) => string; children: ReactNode }) {
  const band = (width - margin.left - margin.right) / Math.max(1, labels.length)
  const every = Math.max(1, Math.ceil(44 / band))
  return (
    <g fontSize={11} fill="currentColor">
      {scale.ticks.map((t) => (
        <g key={t}>
          <line x1={margin.left} x2={width - margin.right} y1={scale.y(t)} y2={scale.y(t)} stroke="#000" strokeOpacity={0.1} />
          <text x={margin.left - 6} y={scale.y(t)} textAnchor="end" dominantBaseline="middle" opacity={0.7}>{format(t)}</text>
        </g>
      ))}
      {labels.map((label, i) => (labels.length - 1 - i) % every === 0 ? ( // counted back from the last day, so today is always named
        <text key={label} x={margin.left + i * band + band / 2} y={height - 6} textAnchor="middle" opacity={0.7}>{shortDay(label)}</text>
      ) : null)}
      {children}
    </g>
  )
}

interface Scale {
  ticks: number[]
  y: (v: number) => number
}

function yScale(highest: number, exact = false): Scale {
  const inner = height - margin.top - margin.bottom
  // Whole numbers (counts, credits) get whole-number steps, so small charts do not label 0, 0, 1, 1, 1.
  const whole = !exact && Number.isInteger(highest)
  const top = highest <= 0 ? (whole ? 4 : 1) : exact ? highest : whole ? 4 * niceWhole(highest / 4) : nice(highest)
  return { ticks: [0, 0.25, 0.5, 0.75, 1].map((f) => f * top), y: (v) => margin.top + inner - (v / top) * inner }
}

/** 1, 2 or 5 times a power of ten (at least 1), at or above n. */
function niceWhole(n: number): number {
  const power = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(n, 1))))
  return ([1, 2, 5, 10].find((m) => m * power >= n) ?? 10) * power
}

/** 1, 2, 2.5 or 5 times a power of ten, at or above n. */
function nice(n: number): number {
  const power = 10 ** Math.floor(Math.log10(n))
  return ([1, 2, 2.5, 5, 10].find((m) => m * power >= n) ?? 10) * power
}

/** Runs of consecutive non-null indexes. */
function segments(values: (number | null)[]): number[][] {
  const runs: number[][] = []
  values.forEach((v, i) => {
    if (v === null) return
    const last = runs[runs.length - 1]
    if (last && last[last.length - 1] === i - 1) last.push(i)
    else runs.push([i])
  })
  return runs
}

function useWidth(): [(node: HTMLDivElement | null) => void, number] {
  const [node, setNode] = useState<HTMLDivElement | null>(null)
  const [width, setWidth] = useState(0)
  const observer = useRef<ResizeObserver | null>(null)
  useEffect(() => {
    if (!node) return
    setWidth(node.clientWidth)
    if (typeof ResizeObserver === 'undefined') return
    // A hidden or collapsing container reports 0 for a moment; keep the last real width instead of dropping the chart.
    observer.current = new ResizeObserver(([entry]) => { if (entry.contentRect.width > 0) setWidth(Math.floor(entry.contentRect.width)) })
    observer.current.observe(node)
    return () => observer.current?.disconnect()
  }, [node])
  return [setNode, width]
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)
const fmt = (n: number) => n.toLocaleString(undefined, { maximumFractionDigits: 1 })
/** 2026-03-07 -> 03-07 */
const shortDay = (day: string) => (/^\d{4}-\d{2}-\d{2}$/.test(day) ? day.slice(5) : day)
