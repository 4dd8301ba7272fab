// The only file that knows the order of the stages: parse → match (lexicon, encoder) → findings → rank → explain → opinion.
import type { Embedder } from '../embed/embedder.ts';
import type { FindingVectors } from '../embed/finding-vectors.ts';
import type { KnowledgeBase } from '../knowledge/types.ts';
import { differential } from './explain/differential.ts';
import { nextQuestions } from './explain/questions.ts';
import { firedRedFlags } from './explain/red-flags.ts';
import { computeScores } from './explain/scores.ts';
import { triage } from './explain/triage.ts';
import { assertionFor } from './parse/context.ts';
import { type ParsedNote, parseNote, type TextIndex } from './parse/note.ts';
import { stem } from './match/text-tools.ts';
import { qualifiersOf } from './parse/qualifiers.ts';
import { vitalFindings } from './parse/vitals.ts';
import { rank } from './rank/bayes.ts';
import type { CaseFinding, CaseInput, Mention, Opinion, Patient, Vitals } from './types.ts';

export type Encoder = { embedder: Embedder; vectors: FindingVectors; threshold: number; unknownWordsOnly?: boolean; cache?: Map<string, Float32Array> };

const CACHE_LIMIT = 5000;

/** Embeds phrases through a small cache: the same leftovers ("since yesterday", "days ago") come back in note after note. */
async function embedCached(enc: Encoder, texts: string[]): Promise<Float32Array[]> {
  const cache = (enc.cache ??= new Map());
  const missing = [...new Set(texts.filter((t) => !cache.has(t)))];
  if (missing.length) {
    const vecs = await enc.embedder.embed(missing);
    if (cache.size + missing.length > CACHE_LIMIT) cache.clear();
    missing.forEach((t, i) => cache.set(t, vecs[i]));
  }
  return texts.map((t) => cache.get(t)!);
}
export type PipelineDeps = { kb: KnowledgeBase; text: TextIndex; encoder?: Encoder; appVersion: string };

/** Unmatched stretches of the note are embedded in one batch; a nearest finding above the threshold becomes a mention. */
export async function encoderMentions(note: ParsedNote, text: string, enc: Encoder, idx?: TextIndex): Promise<Mention[]> {
  // In a note most unmatched stretches are not findings at all ("days ago", "after the rains"); measured on the parse corpus,
  // the encoder is precise only on stretches holding a word that is neither common English nor in the lexicon (a misspelling
  // or a rare term), so with `encoderUnknownWordsOnly` only those are embedded.
  const leftovers = idx && enc.unknownWordsOnly
    ? note.leftovers.filter((l) => l.text.toLowerCase().split(/[^a-z]+/).some((w) => w.length >= 4 && !idx.lexicon.english.has(w) && !idx.lexicon.stems.has(stem(w))))
    : note.leftovers;
  const historyKinds = idx?.historyKinds ?? new Set<string>();
  if (!leftovers.length) return [];
  const vecs = await embedCached(enc, leftovers.map((l) => l.text.toLowerCase()));
  return leftovers.flatMap((l, i) => {
    const hit = enc.vectors.nearest(vecs[i]);
    if (!hit || hit.score < enc.threshold) return [];
    return [{
      findingId: hit.findingId, span: l.span, text: l.text, assertion: assertionFor(l.from, l.to, note.tokens, note.triggers, historyKinds.has(hit.findingId)),
      method: 'encoder' as const, score: Math.round(hit.score * 1000) / 1000, qualifiers: qualifiersOf(text.slice(l.span[0], l.span[1])),
    }];
  });
}

/** Mentions become case findings: past history counts only for history-type findings; relatives' and hypothetical ones do not count. */
export function mentionFindings(mentions: readonly Mention[], kb: KnowledgeBase): CaseFinding[] {
  return mentions.flatMap((m) => {
    const f = kb.findings.get(m.findingId)!;
    const historyKind = f.kind === 'history' || f.kind === 'risk-factor' || f.kind === 'exposure';
    const status = m.assertion === 'present' || (m.assertion === 'historical' && historyKind) ? 'present'
      : m.assertion === 'absent' ? 'absent' : m.assertion === 'possible' ? 'possible' : undefined;
    if (!status) return [];
    return [{ id: f.id, label: f.label, status, source: 'text' as const, span: m.span, method: m.method, assertion: m.assertion, qualifiers: m.qualifiers }];
  });
}

/**
 * One status per finding. A measured abnormal vital wins over everything ("denies fever" with T 39.2 is fever); otherwise the
 * structured checklist wins over the text, the text over a normal measurement (a fever at home is not undone by 36.8 now),
 * and within the text a present mention wins over a possible or absent one.
 */
export function mergeFindings(text: CaseFinding[], structured: CaseFinding[], vitals: CaseFinding[]): CaseFinding[] {
  const out = new Map<string, CaseFinding>();
  const rankOf = (f: CaseFinding) =>
    f.source === 'vitals' && f.status === 'present' ? 4 : f.source === 'structured' ? 3 : f.source === 'text' ? (f.status === 'present' ? 2.5 : f.status === 'possible' ? 2.2 : 2) : 1;
  for (const f of [...text, ...structured, ...vitals]) {
    const prev = out.get(f.id);
    if (!prev || rankOf(f) > rankOf(prev)) out.set(f.id, f);
  }
  return [...out.values()];
}

function patientOf(input: CaseInput, note: ParsedNote, findings: CaseFinding[]): Patient {
  const fieldAge = input.patient.ageMonths ?? (input.patient.age !== undefined ? input.patient.age * 12 : undefined);
  const ageMonths = fieldAge ?? note.numbers.ageMonths;
  const sex = input.patient.sex ?? note.numbers.sex;
  const pregnantText = findings.some((f) => (f.id === 'pregnant' || f.id === 'pregnancy-test-positive') && f.status === 'present') || note.numbers.vitals.gestationWeeks !== undefined || input.vitals.gestationWeeks !== undefined;
  return {
    ageMonths: ageMonths === undefined ? undefined : Math.round(ageMonths * 10) / 10,
    sex,
    pregnant: sex !== 'male' && (input.patient.pregnant === true || (input.patient.pregnant === undefined && pregnantText)),
    ageFrom: fieldAge !== undefined ? 'field' : note.numbers.ageMonths !== undefined ? 'text' : 'none',
    sexFrom: input.patient.sex ? 'field' : note.numbers.sex ? 'text' : 'none',
  };
}

export async function assess(input: CaseInput, deps: PipelineDeps): Promise<Opinion> {
  const { kb } = deps;
  const t0 = performance.now();
  const note = parseNote(input.text, deps.text);
  const t1 = performance.now();
  const encoded = deps.encoder ? await encoderMentions(note, input.text, deps.encoder, deps.text) : [];
  const t2 = performance.now();
  const textFindings = mentionFindings([...note.mentions, ...encoded], kb);
  const structured: CaseFinding[] = input.findings
    .filter((f) => f.status !== 'unknown' && kb.findings.has(f.id))
    .map((f) => ({ id: f.id, label: kb.findings.get(f.id)!.label, status: f.status as CaseFinding['status'], source: 'structured' }));
  if (input.patient.pregnant) structured.push({ id: 'pregnant', label: kb.findings.get('pregnant')?.label ?? 'Pregnant', status: 'present', source: 'structured' });
  const vitals: Vitals = { ...note.numbers.vitals, ...input.vitals };
  const patient = patientOf(input, note, [...textFindings, ...structured]);
  const findings = mergeFindings(textFindings, structured.filter((f) => kb.findings.has(f.id)), vitalFindings(vitals, patient.ageMonths, kb))
    .filter((f) => !(f.id === 'pregnant' && patient.sex === 'male'));
  const ranked = rank(findings, patient, input.settings, kb);
  const t3 = performance.now();
  const redFlags = firedRedFlags(findings, patient, kb);
  const scores = computeScores(ranked, findings, vitals, patient, kb);
  const opinion: Opinion = {
    patient,
    findings: findings.sort((a, b) => (a.span?.[0] ?? 1e9) - (b.span?.[0] ?? 1e9)),
    unmatched: note.leftovers.filter((l) => !encoded.some((e) => e.span[0] === l.span[0])).map((l) => ({ text: l.text, span: l.span })),
    differential: differential(ranked, findings, kb),
    triage: triage(redFlags, ranked, scores, kb, findings),
    redFlags: redFlags.map((r) => ({ id: r.id, label: r.label, level: r.level, why: r.why })),
    questions: nextQuestions(ranked, findings, kb),
    scores,
    provenance: { app: deps.appVersion, knowledge: kb.manifest.version, model: deps.encoder?.embedder.id ?? 'off' },
    timings: {},
  };
  const t4 = performance.now();
  opinion.timings = { parseMs: r2(t1 - t0), encoderMs: r2(t2 - t1), rankMs: r2(t3 - t2), explainMs: r2(t4 - t3), totalMs: r2(t4 - t0) };
  return opinion;
}

const r2 = (n: number) => Math.round(n * 100) / 100;
