import Alert from '@mui/material/Alert'
import AlertTitle from '@mui/material/AlertTitle'
import { asProblem } from '../api/problem'

/** A failure in plain words: the problem's title and detail, its field errors not shown by the form, and the
 * correlation id support can look up. Never a blank page. */
export function ProblemAlert({ error, shownFields = [] }: { error: unknown; shownFields?: string[] }) {
  if (!error) return null
  const problem = asProblem(error)
  const others = problem.otherErrors(shownFields)
  return (
    <Alert severity={problem.status >= 500 || problem.status === 0 ? 'error' : 'warning'} role="alert" sx={{ my: 1 }}>
      <AlertTitle>{problem.title}</AlertTitle>
      {problem.detail && problem.detail !== problem.title && <div>{problem.detail}</div>}
      {others.length > 0 && (
        <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
          {others.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      {problem.correlationId && (
        <div style={{ fontSize: 12, opacity: 0.7, marginTop: 4 }}>Reference: {problem.correlationId}</div>
      )}
    </Alert>
  )
}
