// The data that flows between pipeline stages: a validated case in, an opinion out.
import type { TriageLevel } from '../knowledge/schema.ts';

export type Sex = 'female' | 'male';
export type Status = 'present' | 'absent' | 'possible' | 'unknown';
export type Assertion = 'present' | 'absent' | 'possible' | 'historical' | 'family' | 'hypothetical';
export type Vitals = Partial<Record<'temperatureC' | 'heartRate' | 'respiratoryRate' | 'systolicBP' | 'diastolicBP' | 'spo2' | 'glucoseMmol' | 'weightKg' | 'gestationWeeks', number>>;

/** A case as intake hands it to the pipeline (already validated). */
export type CaseInput = {
  patient: { age?: number; ageMonths?: number; sex?: Sex; pregnant?: boolean };
  text: string;
  findings: { id: string; status: Status }[];
  vitals: Vitals;
  settings: string[];
};

export type Qualifiers = { duration?: string; onset?: string; severity?: string; site?: string; character?: string };

/** A finding named in the free text, before and after matching. */
export type Mention = {
  findingId: string;
  span: [number, number];
  text: string;
  assertion: Assertion;
  method: 'lexicon' | 'fuzzy' | 'encoder';
  score?: number;
  qualifiers: Qualifiers;
};

export type CaseFinding = {
  id: string;
  label: string;
  status: 'present' | 'absent' | 'possible';
  source: 'text' | 'structured' | 'vitals';
  span?: [number, number];
  method?: Mention['method'];
  assertion?: Assertion;
  qualifiers?: Qualifiers;
  value?: string;
};

export type Patient = { ageMonths?: number; sex?: Sex; pregnant: boolean; ageFrom: 'field' | 'text' | 'none'; sexFrom: 'field' | 'text' | 'none' };

export type Contribution = { findingId: string; label: string; status: 'present' | 'absent' | 'possible'; lr: number; words: string };

export type Ranked = { conditionId: string; probability: number; logPrior: number; logOdds: number; contributions: Contribution[] };

export type Score = { id: string; name: string; points: number; known: number; total: number; interpretation: string; triage?: TriageLevel; items: { label: string; points: number; met: boolean | null }[]; reference: string };

export type Opinion = {
  patient: Patient;
  findings: CaseFinding[];
  unmatched: { text: string; span: [number, number] }[];
  differential: {
    rank: number; probability: number;
    condition: { id: string; name: string; icd10: string; icd10Title?: string; category: string; cantMiss: boolean; disposition: TriageLevel };
    supporting: string[]; against: string[]; unknownImportant: string[];
    contributions: Contribution[]; tests: string[]; advice: string; referral: string;
  }[];
  triage: { level: TriageLevel; reasons: string[] };
  redFlags: { id: string; label: string; level: 'emergency' | 'urgent'; why: string }[];
  questions: { findingId: string; text: string; label: string; dangerSign: boolean; gain: number }[];
  scores: Score[];
  provenance: { app: string; knowledge: string; model: string };
  timings: Record<string, number>;
};
