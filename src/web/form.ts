// The symptom-entry form: strings from an HTML post → a CaseInput, with field-level messages and the typed values kept for re-display.
import { z } from 'zod';
import { ValidationError } from '../errors.ts';
import type { KnowledgeBase } from '../knowledge/types.ts';
import type { CaseInput, Vitals } from '../pipeline/types.ts';
import { issuesOf, LIMITS, VitalsSchema } from './intake.ts';

const str = z.string().max(LIMITS.textChars).optional().transform((s) => (s ?? '').trim());
const list = z.union([z.string(), z.array(z.string())]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

export const FormSchema = z.object({
  age: str, ageUnit: z.enum(['years', 'months']).optional().default('years'), sex: z.enum(['', 'female', 'male']).optional().default(''),
  pregnant: z.enum(['', 'yes', 'no']).optional().default(''),
  temp: str, tempUnit: z.enum(['C', 'F']).optional().default('C'), hr: str, rr: str, sbp: str, dbp: str, spo2: str,
  glucose: str, glucoseUnit: z.enum(['mmol', 'mgdl']).optional().default('mmol'), weight: str,
  text: z.string().max(LIMITS.textChars, `The note must be at most ${LIMITS.textChars} characters`).optional().transform((s) => s ?? ''),
  f: list, absent: list, setting: list, caseId: z.string().uuid().optional().or(z.literal('')),
  reference: z.string().max(64, 'The clinic reference must be at most 64 characters').optional().transform((s) => (s ?? '').trim()),
});
export type FormValues = z.infer<typeof FormSchema>;

/** A message for the form: English `message` (logs, the API's wording) and a locale `key` with `vars` for the page's language. */
export type Issue = { path: string; message: string; key?: string; vars?: Record<string, string | number> };

function number(raw: string, field: string, label: string, issues: Issue[]): number | undefined {
  if (!raw) return undefined;
  const n = Number(raw.replace(',', '.'));
  if (!Number.isFinite(n)) { issues.push({ path: field, message: `${label}: "${raw}" is not a number`, key: 'errors.notNumber', vars: { raw } }); return undefined; }
  return n;
}

/** Parse the posted form; on error the caller re-renders the form with `values` and the messages. */
export function formToCase(body: unknown, kb: KnowledgeBase): { input: CaseInput; values: FormValues; caseId?: string; reference?: string } {
  const r = FormSchema.safeParse(body ?? {});
  if (!r.success) throw new ValidationError('Please check the form', issuesOf(r.error));
  const v = r.data;
  const issues: Issue[] = [];
  const ageN = number(v.age, 'age', 'Age', issues);
  const tempRaw = number(v.temp, 'temp', 'Temperature', issues);
  const glucoseRaw = number(v.glucose, 'glucose', 'Blood glucose', issues);
  const vitals: Vitals = {
    temperatureC: tempRaw === undefined ? undefined : v.tempUnit === 'F' ? Math.round(((tempRaw - 32) * 50) / 9) / 10 : tempRaw,
    heartRate: number(v.hr, 'hr', 'Heart rate', issues), respiratoryRate: number(v.rr, 'rr', 'Breathing rate', issues),
    systolicBP: number(v.sbp, 'sbp', 'Systolic BP', issues), diastolicBP: number(v.dbp, 'dbp', 'Diastolic BP', issues),
    spo2: number(v.spo2, 'spo2', 'SpO2', issues),
    glucoseMmol: glucoseRaw === undefined ? undefined : v.glucoseUnit === 'mgdl' ? Math.round((glucoseRaw / 18) * 10) / 10 : glucoseRaw,
    weightKg: number(v.weight, 'weight', 'Weight', issues),
  };
  for (const k of Object.keys(vitals) as (keyof Vitals)[]) if (vitals[k] === undefined) delete vitals[k];
  const checked = VitalsSchema.safeParse(vitals);
  if (!checked.success) for (const i of checked.error.issues) issues.push({ path: formField(String(i.path[0])), message: capital(i.message), ...rangeKey(i) });
  const ageMonths = ageN === undefined ? undefined : v.ageUnit === 'months' ? ageN : ageN * 12;
  if (ageMonths !== undefined && (ageMonths < 0 || ageMonths > 1560)) issues.push({ path: 'age', message: 'Age must be between 0 and 130 years', key: 'errors.ageRange' });
  const ids = [...v.f, ...v.absent];
  for (const id of ids) if (!kb.findings.has(id)) issues.push({ path: 'f', message: `Unknown finding "${id}"`, key: 'errors.unknownFinding', vars: { id } });
  for (const s of v.setting) if (!kb.engine.settings.some((x) => x.id === s)) issues.push({ path: 'setting', message: `Unknown setting "${s}"`, key: 'errors.unknownSetting', vars: { id: s } });
  if (!v.text.trim() && !ids.length) issues.push({ path: 'text', message: 'Describe the problem in the note box or tick at least one finding', key: 'errors.needText' });
  if (issues.length) throw Object.assign(new ValidationError('Please check the form', issues), { values: v });
  return {
    input: {
      patient: { age: ageMonths === undefined ? undefined : Math.floor(ageMonths / 12), ageMonths, sex: v.sex || undefined, pregnant: v.sex === 'male' ? false : v.pregnant === '' ? undefined : v.pregnant === 'yes' },
      text: v.text, vitals, settings: v.setting,
      findings: [...v.f.map((id) => ({ id, status: 'present' as const })), ...v.absent.filter((id) => !v.f.includes(id)).map((id) => ({ id, status: 'absent' as const }))],
    },
    values: v,
    caseId: v.caseId || undefined,
    reference: v.reference || undefined,
  };
}

const FIELD: Record<string, string> = { temperatureC: 'temp', heartRate: 'hr', respiratoryRate: 'rr', systolicBP: 'sbp', diastolicBP: 'dbp', spo2: 'spo2', glucoseMmol: 'glucose', weightKg: 'weight' };
const formField = (k: string) => FIELD[k] ?? k;
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** Range messages from the vitals schema, as a locale key with the limit (the field's name is filled in by the page). */
function rangeKey(i: { code: string; maximum?: unknown; minimum?: unknown }): Pick<Issue, 'key' | 'vars'> {
  if (i.code === 'too_big') return { key: 'errors.tooBig', vars: { limit: Number(i.maximum) } };
  if (i.code === 'too_small') return { key: 'errors.tooSmall', vars: { limit: Number(i.minimum) } };
  return {};
}
