// Shapes the data each page prints: labels, percentages, highlighted note segments — so the templates stay free of logic.
import type { KnowledgeBase } from '../knowledge/types.ts';
import type { Opinion } from '../pipeline/types.ts';
import type { StoredAssessment } from '../storage/assessments.ts';
import type { FormValues } from './form.ts';

const TRIAGE_TEXT: Record<string, { label: string; advice: string; colour: string }> = {
  emergency: { label: 'EMERGENCY', advice: 'Refer now: ambulance or emergency department.', colour: 'red' },
  urgent: { label: 'URGENT', advice: 'To be seen by a clinician today, within 24 hours.', colour: 'yellow' },
  routine: { label: 'ROUTINE', advice: 'Review within days to a week.', colour: 'green' },
  'self-care': { label: 'SELF-CARE', advice: 'Home care with clear advice on when to come back.', colour: 'green' },
};

export function entryModel(kb: KnowledgeBase, values?: Partial<FormValues>, errors: { path: string; message: string }[] = []) {
  const asList = (x: unknown): string[] => (x === undefined ? [] : Array.isArray(x) ? x.map(String) : [String(x)]);
  const checked = new Set(asList(values?.f));
  const settings = new Set(asList(values?.setting));
  const errorFor = (field: string) => errors.filter((e) => e.path === field).map((e) => e.message).join('; ') || undefined;
  return {
    title: 'New assessment',
    values: values ?? {},
    errors: errors.length ? errors : undefined,
    fieldErrors: Object.fromEntries(['age', 'sex', 'temp', 'hr', 'rr', 'sbp', 'dbp', 'spo2', 'glucose', 'weight', 'text', 'f', 'reference'].map((k) => [k, errorFor(k)])),
    isMonths: values?.ageUnit === 'months', isF: values?.tempUnit === 'F', isMgdl: values?.glucoseUnit === 'mgdl',
    sexFemale: values?.sex === 'female', sexMale: values?.sex === 'male',
    pregnantYes: values?.pregnant === 'yes', pregnantNo: values?.pregnant === 'no',
    groups: kb.checklist.map((g) => ({
      group: g.group,
      items: g.findings.map((id) => ({ id, label: kb.findings.get(id)!.label, checked: checked.has(id) })),
    })),
    settings: kb.engine.settings.map((s) => ({ ...s, checked: settings.has(s.id) })),
  };
}

/** The note cut into plain and highlighted pieces, so the page can show what was understood and what was not. */
export function noteSegments(text: string, o: Opinion) {
  const marks = [
    ...o.findings.filter((f) => f.span).map((f) => ({ span: f.span!, cls: `f-${f.status}`, title: `${f.label}: ${f.status}${f.method === 'encoder' ? ' (matched by the encoder)' : f.method === 'fuzzy' ? ' (spelling corrected)' : ''}` })),
    ...o.unmatched.map((u) => ({ span: u.span, cls: 'f-unmatched', title: 'not understood' })),
  ].sort((a, b) => a.span[0] - b.span[0]);
  const out: { text: string; cls?: string; title?: string }[] = [];
  let at = 0;
  for (const m of marks) {
    if (m.span[0] < at) continue;
    if (m.span[0] > at) out.push({ text: text.slice(at, m.span[0]) });
    out.push({ text: text.slice(m.span[0], m.span[1]), cls: m.cls, title: m.title });
    at = m.span[1];
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}

const pct = (p: number) => (p >= 0.995 ? '>99%' : p < 0.01 ? '<1%' : `${Math.round(p * 100)}%`);
const age = (m?: number) => (m === undefined ? 'age not given' : m < 24 ? `${Math.round(m)} months` : `${Math.floor(m / 12)} years`);

export function opinionModel(a: StoredAssessment) {
  const o = a.opinion;
  const t = TRIAGE_TEXT[o.triage.level];
  return {
    title: 'Auxiliary opinion',
    id: a.id, caseId: a.caseId, version: a.version, createdAt: a.createdAt,
    patient: `${age(o.patient.ageMonths)}, ${o.patient.sex ?? 'sex not given'}${o.patient.pregnant ? ', pregnant' : ''}`,
    patientFromText: o.patient.ageFrom === 'text' || o.patient.sexFrom === 'text',
    triage: { ...t, level: o.triage.level, reasons: o.triage.reasons },
    redFlags: o.redFlags.map((r) => ({ ...r, emergency: r.level === 'emergency' })),
    hasNote: a.input.text.length > 0,
    segments: noteSegments(a.input.text, o),
    present: o.findings.filter((f) => f.status === 'present').map((f) => ({ ...f, how: how(f) })),
    absent: o.findings.filter((f) => f.status === 'absent').map((f) => ({ ...f, how: how(f) })),
    possible: o.findings.filter((f) => f.status === 'possible').map((f) => ({ ...f, how: how(f) })),
    differential: o.differential.map((d) => ({ ...d, pct: pct(d.probability), width: Math.max(1, Math.round(d.probability * 100)) })),
    questions: o.questions,
    scores: o.scores.map((s) => ({ ...s, partial: s.known < s.total, items: s.items.map((i) => ({ ...i, mark: i.met === null ? '?' : i.met ? '✓' : '✗' })) })),
    provenance: o.provenance,
  };
}

function how(f: Opinion['findings'][number]): string {
  const q = f.qualifiers ? Object.entries(f.qualifiers).map(([k, v]) => `${k}: ${v}`).join(', ') : '';
  const src = f.source === 'vitals' ? `from ${f.value}` : f.source === 'structured' ? 'ticked' : f.method === 'encoder' ? 'matched by the encoder' : f.method === 'fuzzy' ? 'spelling corrected' : '';
  return [src, q].filter(Boolean).join('; ');
}
