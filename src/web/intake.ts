// The one case schema at the edge: the JSON API and the HTML form both end here, as a CaseInput the pipeline trusts.
import { z } from 'zod';
import { ValidationError } from '../errors.ts';
import type { KnowledgeBase } from '../knowledge/types.ts';
import type { CaseInput } from '../pipeline/types.ts';

export const LIMITS = { textChars: 5000, findings: 200, settings: 10 } as const;

const num = (min: number, max: number, what: string) => z.number({ error: `${what} must be a number` }).min(min, `${what} must be at least ${min}`).max(max, `${what} must be at most ${max}`);

export const VitalsSchema = z.strictObject({
  temperatureC: num(25, 45, 'temperature (°C)').optional(),
  heartRate: num(20, 300, 'heart rate').optional(),
  respiratoryRate: num(4, 120, 'respiratory rate').optional(),
  systolicBP: num(40, 300, 'systolic blood pressure').optional(),
  diastolicBP: num(20, 200, 'diastolic blood pressure').optional(),
  spo2: num(40, 100, 'SpO2').optional(),
  glucoseMmol: num(0.5, 60, 'blood glucose (mmol/L)').optional(),
  weightKg: num(0.4, 350, 'weight (kg)').optional(),
});

export const CaseSchema = z.strictObject({
  patient: z.strictObject({
    age: num(0, 130, 'age (years)'),
    ageMonths: num(0, 1560, 'age (months)').optional(),
    sex: z.enum(['female', 'male'], { error: 'sex must be "female" or "male"' }),
    pregnant: z.boolean().optional(),
  }),
  text: z.string().max(LIMITS.textChars, `text must be at most ${LIMITS.textChars} characters`).optional(),
  findings: z.array(z.strictObject({ id: z.string().min(1).max(100), status: z.enum(['present', 'absent', 'possible', 'unknown']) })).max(LIMITS.findings).optional(),
  vitals: VitalsSchema.optional(),
  settings: z.array(z.string().max(50)).max(LIMITS.settings).optional(),
  caseId: z.string().uuid().optional(),
  /** The clinic's own patient reference (a number, never a name); optional. */
  reference: z.string().trim().max(64, 'reference must be at most 64 characters').optional(),
}).refine((c) => (c.text?.trim().length ?? 0) > 0 || (c.findings?.length ?? 0) > 0, { message: 'give the free text or at least one finding', path: ['text'] });

export type CaseRequest = z.infer<typeof CaseSchema>;

export function issuesOf(error: z.ZodError) {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

/** Validate a request body and check its finding ids and settings against the knowledge base. */
export function toCaseInput(body: unknown, kb: KnowledgeBase): { input: CaseInput; caseId?: string; reference?: string } {
  const r = CaseSchema.safeParse(body);
  if (!r.success) throw new ValidationError('The case is not valid', issuesOf(r.error));
  const c = r.data;
  const unknown = (c.findings ?? []).filter((f) => !kb.findings.has(f.id));
  const badSettings = (c.settings ?? []).filter((s) => !kb.engine.settings.some((x) => x.id === s));
  const issues = [
    ...unknown.map((f) => ({ path: 'findings', message: `unknown finding id "${f.id}" (see GET /api/v1/findings)` })),
    ...badSettings.map((s) => ({ path: 'settings', message: `unknown setting "${s}"` })),
  ];
  if (issues.length) throw new ValidationError('The case is not valid', issues);
  const ageMonths = c.patient.ageMonths ?? c.patient.age * 12;
  return {
    input: {
      patient: { age: c.patient.age, ageMonths, sex: c.patient.sex, pregnant: c.patient.sex === 'female' ? c.patient.pregnant : false },
      text: c.text ?? '', findings: c.findings ?? [], vitals: c.vitals ?? {}, settings: c.settings ?? [],
    },
    caseId: c.caseId,
    reference: c.reference || undefined,
  };
}
