// Answers to the suggested questions (yes / no / don't know) become findings of a new assessment version of the same case.
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { KnowledgeBase } from '../knowledge/types.ts';
import type { CaseInput } from '../pipeline/types.ts';
import type { StoredAssessment } from '../storage/assessments.ts';
import { issuesOf } from './intake.ts';

export const AnswersSchema = z.strictObject({
  answers: z.array(z.strictObject({ findingId: z.string().min(1).max(100), answer: z.enum(['yes', 'no', 'unknown']) })).min(1).max(100),
});

/** The previous input with each answer set on its finding (a later answer replaces an earlier one). */
export function withAnswers(prev: StoredAssessment | undefined, body: unknown, kb: KnowledgeBase): CaseInput {
  if (!prev) throw new NotFoundError('Assessment');
  const r = AnswersSchema.safeParse(body);
  if (!r.success) throw new ValidationError('The answers are not valid', issuesOf(r.error));
  const unknown = r.data.answers.filter((a) => !kb.findings.has(a.findingId));
  if (unknown.length) throw new ValidationError('The answers are not valid', unknown.map((a) => ({ path: 'answers', message: `unknown finding id "${a.findingId}"` })));
  const answered = new Map(r.data.answers.map((a) => [a.findingId, a.answer]));
  const findings = prev.input.findings.filter((f) => !answered.has(f.id));
  for (const [id, a] of answered) findings.push({ id, status: a === 'yes' ? 'present' : a === 'no' ? 'absent' : 'unknown' });
  return { ...prev.input, findings };
}

/** The opinion page posts one radio group per question, named q.<finding id>; unanswered groups are left out. */
export function formAnswers(body: Record<string, unknown>): { answers: { findingId: string; answer: string }[] } {
  const answers = Object.entries(body ?? {})
    .filter(([k, v]) => k.startsWith('q.') && typeof v === 'string' && v !== '')
    .map(([k, v]) => ({ findingId: k.slice(2), answer: v as string }));
  return { answers };
}
