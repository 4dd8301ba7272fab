// Shapes the data each page prints: labels in the page's language, percentages, highlighted note segments — so templates stay free of logic.
import type { KnowledgeBase } from '../knowledge/types.ts';
import type { TriageLevel } from '../knowledge/schema.ts';
import type { Opinion, Vitals } from '../pipeline/types.ts';
import type { StoredAssessment } from '../storage/assessments.ts';
import type { FormValues, Issue } from './form.ts';
import { kbLabels, type Speaker } from './i18n.ts';

const TRIAGE_COLOUR: Record<TriageLevel, string> = { emergency: 'red', urgent: 'yellow', routine: 'green', 'self-care': 'green' };

/** The triage banner: IMCI colour, an icon and the level in words (never colour alone). */
export function triageModel(level: TriageLevel, s: Speaker) {
  return { level, colour: TRIAGE_COLOUR[level], label: s.t(`triage.${level}.label`), advice: s.t(`triage.${level}.advice`), icon: s.t(`triage.${level}.icon`) };
}

/** Plausible ranges for the browser's own check as you type (min/max/step); the server checks again with the same limits. */
const RANGES = {
  age: { min: 0, max: 130, step: 'any' }, temp: { min: 25, max: 45, step: 0.1 }, hr: { min: 20, max: 300, step: 1 }, rr: { min: 4, max: 120, step: 1 },
  sbp: { min: 40, max: 300, step: 1 }, dbp: { min: 20, max: 200, step: 1 }, spo2: { min: 40, max: 100, step: 1 }, glucose: { min: 0.5, max: 60, step: 0.1 },
  weight: { min: 0.4, max: 350, step: 0.1 },
};
const FIELDS = ['age', 'sex', 'temp', 'hr', 'rr', 'sbp', 'dbp', 'spo2', 'glucose', 'weight', 'text', 'f', 'reference', 'setting'];

export function entryModel(kb: KnowledgeBase, s: Speaker, values?: Partial<FormValues>, errors: Issue[] = []) {
  const asList = (x: unknown): string[] => (x === undefined ? [] : Array.isArray(x) ? x.map(String) : [String(x)]);
  const present = new Set(asList(values?.f));
  const absent = new Set(asList(values?.absent));
  const settings = new Set(asList(values?.setting));
  const label = kbLabels(kb, s);
  const say = (e: Issue) => (e.key ? s.t(e.key, { label: s.t(`field.${e.path}`), ...e.vars }) : e.message);
  const errorFor = (field: string) => errors.filter((e) => e.path === field).map(say).join('; ') || undefined;
  const inChecklist = new Set(kb.checklist.flatMap((g) => g.findings));
  // Findings chosen through the search box (not in the checklist) come back as chips when the form is shown again.
  const chosen = [...present].filter((id) => !inChecklist.has(id) && kb.findings.has(id)).map((id) => ({ id, label: label.finding(id), present: true }))
    .concat([...absent].filter((id) => !inChecklist.has(id) && !present.has(id) && kb.findings.has(id)).map((id) => ({ id, label: label.finding(id), present: false })));
  return {
    titleKey: 'entry.title',
    values: values ?? {},
    errors: errors.length ? errors.map((e) => ({ path: e.path, message: say(e) })) : undefined,
    fieldErrors: Object.fromEntries(FIELDS.map((k) => [k, errorFor(k)])),
    range: RANGES,
    isMonths: values?.ageUnit === 'months', isF: values?.tempUnit === 'F', isMgdl: values?.glucoseUnit === 'mgdl',
    sexFemale: values?.sex === 'female', sexMale: values?.sex === 'male',
    pregnantYes: values?.pregnant === 'yes', pregnantNo: values?.pregnant === 'no',
    groups: kb.checklist.map((g, gi) => ({
      group: (s.zh ? g.zh : undefined) ?? g.group, id: `g${gi}`,
      items: g.findings.map((id) => ({ id, label: label.finding(id), present: present.has(id), absent: absent.has(id) && !present.has(id) })),
    })),
    chosen,
    settings: kb.engine.settings.map((x) => ({ id: x.id, label: s.zh ? s.t(`setting.${x.id}`) : x.label, checked: settings.has(x.id) })),
    script: true,
  };
}

/** The note cut into plain and highlighted pieces, so the page can show what was understood and what was not. */
export function noteSegments(text: string, o: Opinion, s: Speaker, kb: KnowledgeBase) {
  const label = kbLabels(kb, s);
  const marks = [
    ...o.findings.filter((f) => f.span).map((f) => ({ span: f.span!, cls: `f-${f.status}`, title: `${label.finding(f.id, s.zh ? undefined : f.label)}: ${s.t(`status.${f.status}`)}${f.method === 'encoder' ? ` (${s.t('status.byEncoder')})` : f.method === 'fuzzy' ? ` (${s.t('status.fuzzy')})` : ''}` })),
    ...o.unmatched.map((u) => ({ span: u.span, cls: 'f-unmatched', title: s.t('status.notUnderstood') })),
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

export const pct = (p: number) => (p >= 0.995 ? '>99%' : p < 0.01 ? '<1%' : `${Math.round(p * 100)}%`);

const VITALS: { key: keyof Vitals; field: string; unit: string }[] = [
  { key: 'temperatureC', field: 'temp', unit: '°C' }, { key: 'heartRate', field: 'hr', unit: '/min' }, { key: 'respiratoryRate', field: 'rr', unit: '/min' },
  { key: 'systolicBP', field: 'sbp', unit: 'mmHg' }, { key: 'diastolicBP', field: 'dbp', unit: 'mmHg' }, { key: 'spo2', field: 'spo2', unit: '%' },
  { key: 'glucoseMmol', field: 'glucose', unit: 'mmol/L' }, { key: 'weightKg', field: 'weight', unit: 'kg' },
];

/** Each measured vital sign, marked when the knowledge base's thresholds made an abnormal finding of it (e.g. fever from 38.6 °C). */
function vitalsModel(vitals: Vitals, o: Opinion, s: Speaker, kb: KnowledgeBase) {
  const label = kbLabels(kb, s);
  const abnormal = new Map<string, string[]>();
  for (const f of o.findings) {
    if (f.source !== 'vitals' || f.status !== 'present' || !f.value) continue;
    const key = f.value.split(' ')[0];
    abnormal.set(key, [...(abnormal.get(key) ?? []), label.finding(f.id, s.zh ? undefined : f.label)]);
  }
  return VITALS.filter((v) => vitals[v.key] !== undefined).map((v) => ({
    label: s.t(`field.${v.field}`), value: `${vitals[v.key]} ${v.unit}`, abnormal: abnormal.has(v.key), meaning: (abnormal.get(v.key) ?? []).join(', '),
  }));
}

/** "temperatureC 38.9" (how the pipeline records a vital's finding) as the page says it: "Temperature 38.9 °C". */
function vitalText(value: string, s: Speaker): string {
  const [key, n] = value.split(' ');
  const v = VITALS.find((x) => x.key === key);
  return v ? `${s.t(`field.${v.field}`)} ${n} ${v.unit}` : value;
}

function strength(lr: number, s: Speaker): string {
  if (lr >= 5) return s.t('opinion.strongFor');
  if (lr >= 2) return s.t('opinion.for1');
  if (lr > 1) return s.t('opinion.weakFor');
  if (lr <= 0.2) return s.t('opinion.strongAgainst');
  if (lr <= 0.5) return s.t('opinion.against1');
  return s.t('opinion.weakAgainst');
}

export function opinionModel(a: StoredAssessment, kb: KnowledgeBase, s: Speaker) {
  const o = a.opinion;
  const redFlagZh = new Map(kb.redFlags.map((r) => [r.id, r.zh]));
  // Danger-sign reasons are stored in English words; in Chinese they are rebuilt from the knowledge base's Chinese text.
  const reasonZh = new Map<string, string>();
  if (s.zh) {
    for (const r of o.redFlags) { const zh = redFlagZh.get(r.id); if (zh) reasonZh.set(`Danger sign: ${r.label}. ${r.why}`, `危险征象：${zh.label}。${zh.why}`); }
    for (const f of o.findings) { const zh = kb.findings.get(f.id)?.zh; if (zh) reasonZh.set(`Danger sign: ${f.label}.`, `危险征象：${zh.label}。`); }
  }
  const label = kbLabels(kb, s);
  const findingLabel = (f: { id: string; label: string }) => label.finding(f.id, s.zh ? undefined : f.label);
  const age = (m?: number) => (m === undefined ? s.t('opinion.ageUnknown') : m < 24 ? s.t('opinion.ageMonths', { n: Math.round(m) }) : s.t('opinion.ageYears', { n: Math.floor(m / 12) }));
  const sex = o.patient.sex ? s.t(`entry.${o.patient.sex}`) : s.t('opinion.sexUnknown');
  const how = (f: Opinion['findings'][number]): string => {
    const q = f.qualifiers ? Object.entries(f.qualifiers).map(([k, v]) => `${k}: ${v}`).join(', ') : '';
    const src = f.source === 'vitals' ? s.t('status.from', { value: vitalText(f.value ?? '', s) }) : f.source === 'structured' ? s.t('status.ticked') : f.method === 'encoder' ? s.t('status.byEncoder') : f.method === 'fuzzy' ? s.t('status.fuzzy') : '';
    return [src, q].filter(Boolean).join('; ');
  };
  const findings = (status: string) => o.findings.filter((f) => f.status === status).map((f) => ({ ...f, label: findingLabel(f), how: how(f) }));
  // English keeps the pipeline's own sentences; Chinese builds the same evidence from the stored contributions.
  const evidence = (d: Opinion['differential'][number], side: 'for' | 'against') => (s.zh
    ? d.contributions.filter((c) => (side === 'for' ? c.lr > 1.25 : c.lr < 0.8))
      .map((c) => s.t('opinion.evidence', { label: label.finding(c.findingId), status: s.t(`status.${c.status}`), strength: strength(c.lr, s), lr: Math.round(c.lr * 100) / 100 }))
    : side === 'for' ? d.supporting : d.against);
  return {
    titleKey: 'opinion.title',
    id: a.id, caseId: a.caseId, version: a.version, createdAt: a.createdAt.slice(0, 16).replace('T', ' '),
    versionText: s.t('opinion.assessment', { version: a.version }),
    patient: `${age(o.patient.ageMonths)}, ${sex}${o.patient.pregnant ? `, ${s.t('opinion.pregnant')}` : ''}`,
    patientFromText: o.patient.ageFrom === 'text' || o.patient.sexFrom === 'text',
    triage: { ...triageModel(o.triage.level, s), reasons: s.zh ? o.triage.reasons.map((r) => reasonZh.get(r) ?? r) : o.triage.reasons },
    redFlags: o.redFlags.map((r) => {
      const zh = s.zh ? redFlagZh.get(r.id) : undefined;
      return { ...r, label: zh?.label ?? r.label, why: zh?.why ?? r.why, emergency: r.level === 'emergency', levelText: s.t(r.level === 'emergency' ? 'opinion.levelEmergency' : 'opinion.levelUrgent') };
    }),
    vitals: vitalsModel(a.input.vitals, o, s, kb),
    hasNote: a.input.text.length > 0,
    segments: noteSegments(a.input.text, o, s, kb),
    present: findings('present'), absent: findings('absent'), possible: findings('possible'),
    differential: o.differential.map((d, i) => ({
      ...d, name: label.condition(d.condition.id, s.zh ? undefined : d.condition.name), pct: pct(d.probability), width: Math.max(1, Math.round(d.probability * 100)),
      supporting: evidence(d, 'for'), against: evidence(d, 'against'), open: i < 3,
    })),
    // The knowledge base's own Chinese question when it has one, else a question built from the Chinese label.
    questions: o.questions.map((q) => {
      const zh = s.zh ? kb.findings.get(q.findingId)?.zh : undefined;
      return { ...q, text: zh?.question ?? (zh ? s.t('opinion.askZh', { label: label.finding(q.findingId) }) : q.text) };
    }),
    scores: o.scores.map((x) => ({ ...x, partial: x.known < x.total, fromItems: s.t('opinion.fromItems', { known: x.known, total: x.total }), items: x.items.map((i) => ({ ...i, mark: i.met === null ? '?' : i.met ? '✓' : '✗' })) })),
    provenance: o.provenance,
  };
}
