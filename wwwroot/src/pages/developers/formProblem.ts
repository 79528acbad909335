import type { ApiProblem } from '../../api/problem'

/** Whether a form needs the alert besides its field errors: when the problem names none of the form's fields, or
 * names others too. */
export const needsAlert = (problem: ApiProblem | null, fields: string[]): problem is ApiProblem =>
  problem !== null && (problem.otherErrors(fields).length > 0 || !fields.some((f) => problem.fieldError(f)))
