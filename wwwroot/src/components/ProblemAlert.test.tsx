import { describe, expect, it } from 'vitest'
import { render, screen } from '@testing-library/react'
import { ApiProblem } from '../api/problem'
import { ProblemAlert } from './ProblemAlert'

describe('ProblemAlert', () => {
  it('shows title, detail and the reference of an RFC 7807 problem', () => {
    const problem = new ApiProblem(409, { type: '/problems/job-running', title: 'Conflict', detail: 'Cancel the job before deleting it.', correlationId: 'abc123' })
    render(<ProblemAlert error={problem} />)
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain('Conflict')
    expect(alert.textContent).toContain('Cancel the job before deleting it.')
    expect(alert.textContent).toContain('Reference: abc123')
  })

  it('lists only the field errors the form does not show next to a field', () => {
    const problem = new ApiProblem(400, {
      title: 'One or more fields are invalid.',
      errors: { email: ['Email is not valid.'], 'config.regions': ['Give at least one region.'] },
    })
    render(<ProblemAlert error={problem} shownFields={['email']} />)
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain('Give at least one region.')
    expect(alert.textContent).not.toContain('Email is not valid.')
    expect(problem.fieldError('EMAIL')).toBe('Email is not valid.')
  })

  it('turns a network failure or a plain error into a readable message', () => {
    render(<ProblemAlert error={new TypeError('Failed to fetch')} />)
    expect(screen.getByRole('alert').textContent).toContain('Failed to fetch')
  })

  it('renders nothing without an error', () => {
    const { container } = render(<ProblemAlert error={null} />)
    expect(container.innerHTML).toBe('')
  })
})
