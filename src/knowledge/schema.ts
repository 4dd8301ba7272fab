// The shapes of every knowledge file (zod): the single definition the loader, kb:check and the docs follow.
import { z } from 'zod';

/** Kebab-case ids keep file names, URLs and references simple and greppable. */
export const Id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are kebab-case: lower-case letters, digits and dashes');

export const SYSTEMS = [
  'general', 'respiratory', 'ent', 'eye', 'skin', 'gastrointestinal', 'urinary-renal', 'sexual-reproductive',
  'pregnancy', 'cardiovascular', 'neurological', 'musculoskeletal', 'injury', 'endocrine-metabolic', 'blood',
  'mental-health', 'poisoning', 'child-newborn', 'older-adult', 'infectious-tropical',
] as const;
export const System = z.enum(SYSTEMS);

export const TRIAGE_LEVELS = ['emergency', 'urgent', 'routine', 'self-care'] as const;
export const TriageLevel = z.enum(TRIAGE_LEVELS);

export const AGE_BANDS = ['newborn', 'infant', 'young-child', 'child', 'adolescent', 'adult', 'older'] as const;
export const AgeBand = z.enum(AGE_BANDS);

const Probability = z.number().min(0).max(1);
const Multiplier = z.number().min(0).max(100);

export const Manifest = z.strictObject({
  name: z.string(),
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  released: z.string(),
  description: z.string(),
});

export const Finding = z.strictObject({
  id: Id,
  label: z.string().min(2),
  kind: z.enum(['symptom', 'sign', 'vital', 'history', 'risk-factor', 'exposure', 'test', 'demographic']),
  system: System,
  question: z.string().min(5),
  /** P(finding present) in an unselected primary-care patient: the denominator of every likelihood ratio. */
  background: z.number().min(0.0005).max(0.9),
  synonyms: z.array(z.string().min(2)).default([]),
  lay: z.array(z.string().min(2)).default([]),
  abbreviations: z.array(z.string().min(1)).default([]),
  /** A more general finding this one implies (productive cough implies cough): used against double counting. */
  parent: Id.optional(),
  dangerSign: z.boolean().default(false),
  zh: z.strictObject({ label: z.string(), synonyms: z.array(z.string()).default([]), question: z.string().optional() }).optional(),
  symp: z.array(z.string().regex(/^SYMP:\d{7}$/)).default([]),
  reference: z.string().optional(),
});

/** One DDXPlus evidence (optionally one value of it, or a numeric range) standing for a finding; used by the importer. */
export const DdxplusLink = z.strictObject({
  code: z.string().regex(/^E_\d+$/),
  value: z.string().regex(/^V_\d+$/).optional(),
  min: z.number().optional(),
  finding: Id,
});

export const ConditionFinding = z.strictObject({
  id: Id,
  /** P(finding present | condition). */
  p: Probability,
  note: z.string().optional(),
});

export const Condition = z.strictObject({
  id: Id,
  name: z.string().min(3),
  synonyms: z.array(z.string()).default([]),
  icd10: z.array(z.string().regex(/^[A-Z]\d{2}(?:\.[0-9A-Z]{1,4})?$/)).min(1),
  doid: z.string().regex(/^DOID:\d+$/).optional(),
  ddxplus: z.string().optional(),
  category: System,
  prior: z.strictObject({
    /** Consultations for this condition per 1,000 primary-care consultations, all ages. */
    perThousand: z.number().min(0.001).max(300),
    age: z.partialRecord(AgeBand, Multiplier).default({}),
    sex: z.strictObject({ female: Multiplier, male: Multiplier }).default({ female: 1, male: 1 }),
    pregnancyOnly: z.boolean().default(false),
    settings: z.record(z.string(), Multiplier).default({}),
  }),
  acuity: z.enum(['acute', 'subacute', 'chronic']),
  severity: z.number().int().min(1).max(5),
  cantMiss: z.boolean(),
  disposition: TriageLevel,
  onset: z.string().optional(),
  duration: z.string().optional(),
  findings: z.array(ConditionFinding).min(8).max(40),
  tests: z.array(z.string()).min(1),
  advice: z.string().min(5),
  referral: z.string().min(5),
  references: z.array(z.string().min(5)).min(1),
  estimate: z.boolean().default(true),
  zh: z.strictObject({ name: z.string() }).optional(),
});

const AgeRange = z.strictObject({ minMonths: z.number().min(0).optional(), maxMonths: z.number().min(0).optional() });

export const RedFlag = z.strictObject({
  id: Id,
  label: z.string(),
  level: z.enum(['emergency', 'urgent']),
  why: z.string(),
  /** Fires when every finding in `all` is present and, if `any` is given, at least one of `any`. */
  all: z.array(Id).default([]),
  any: z.array(Id).default([]),
  age: AgeRange.optional(),
  sex: z.enum(['female', 'male']).optional(),
  pregnant: z.boolean().optional(),
  reference: z.string(),
  zh: z.strictObject({ label: z.string(), why: z.string() }).optional(),
});

export const VITALS = ['temperatureC', 'heartRate', 'respiratoryRate', 'systolicBP', 'diastolicBP', 'spo2', 'glucoseMmol', 'weightKg', 'gestationWeeks'] as const;
export const Vital = z.enum(VITALS);

/** `min` is inclusive and `max` exclusive (value < max), as are the age limits in months. */
export const VitalRule = z.strictObject({
  finding: Id,
  vital: Vital,
  min: z.number().optional(),
  max: z.number().optional(),
  age: AgeRange.optional(),
  reference: z.string(),
});

export const ContextRule = z.strictObject({
  trigger: z.string().min(1),
  /** `relative` ("mother has", "father") marks a relative's disease only for history-type findings: a carer describing a sick relative describes the patient. */
  category: z.enum(['negated', 'possible', 'historical', 'family', 'relative', 'hypothetical', 'pseudo', 'terminate']),
  direction: z.enum(['forward', 'backward', 'both']),
  /** How many tokens the trigger reaches; the sentence end and terminators stop it earlier. */
  maxScope: z.number().int().min(1).max(20).default(8),
  /** For a terminator: the categories whose scope it ends (all when left out); "has" ends a negation but not an "if". */
  stops: z.array(z.enum(['negated', 'possible', 'historical', 'family', 'relative', 'hypothetical'])).optional(),
});

export const Abbreviation = z.strictObject({ short: z.string(), long: z.string(), caseSensitive: z.boolean().default(false) });

export const ScoreItem = z.strictObject({
  label: z.string(),
  points: z.number(),
  finding: Id.optional(),
  /** With `finding`: the item is met when the finding is absent (Centor's "absence of cough"). */
  absent: z.boolean().default(false),
  vital: Vital.optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  ageYears: z.strictObject({ min: z.number().optional(), max: z.number().optional() }).optional(),
});

export const Score = z.strictObject({
  id: Id,
  name: z.string(),
  appliesTo: z.array(Id).min(1),
  items: z.array(ScoreItem).min(1),
  bands: z.array(z.strictObject({ min: z.number(), max: z.number(), interpretation: z.string(), triage: TriageLevel.optional() })).min(1),
  age: AgeRange.optional(),
  reference: z.string(),
});

export const Engine = z.strictObject({
  /** P(finding | condition) assumed for a finding the condition does not list, as a fraction of its background rate. */
  unlistedFactor: z.number().min(0.01).max(1),
  /** Probabilities are clamped to [floor, 1-floor] so no single finding can make a condition impossible. */
  pFloor: z.number().min(0.0001).max(0.2),
  /** A can't-miss condition at or above this posterior forces its disposition as triage. */
  cantMissThreshold: z.number().min(0.001).max(1),
  /** A condition at or above this posterior sets the triage floor with its usual disposition (the leading one always does). */
  dispositionThreshold: z.number().min(0.01).max(1),
  /** The least urgent triage a present danger-sign finding allows, whatever rule fired. */
  dangerSignLevel: TriageLevel.default('urgent'),
  /** Home care alone is advised only when the leading condition is at least this likely; a less clear picture needs a clinician. */
  selfCareMinConfidence: z.number().min(0).max(1),
  /**
   * Naive Bayes counts correlated findings as independent and so is overconfident; each finding's log likelihood ratio is
   * multiplied by this (a temperature fitted on held-out data, see docs/RESULTS.md).
   */
  evidenceWeight: z.number().min(0.1).max(1).default(1),
  /** A pregnancy-only condition when pregnancy is not stated: possible in women of child-bearing age, at this multiplier. */
  pregnancyNotStated: z.strictObject({ multiplier: z.number().min(0).max(1), minMonths: z.number(), maxMonths: z.number() }),
  /** What the explanation lists as "not yet known" and when a danger-sign question is asked first. */
  explain: z.strictObject({
    unknownImportantMinP: z.number().min(0).max(1), unknownImportantMaxP: z.number().min(0).max(1),
    dangerQuestionMinPosterior: z.number().min(0).max(1), dangerQuestionMinP: z.number().min(0).max(1),
  }),
  /** How much a "possible" finding counts, as a fraction of a present one. */
  possibleWeight: z.number().min(0).max(1),
  /** Conditions shown in a differential, and the lowest probability worth showing. */
  maxDifferential: z.number().int().min(1).max(50),
  minShownProbability: z.number().min(0).max(1),
  maxQuestions: z.number().int().min(1).max(30),
  /** Cosine similarity at or above which the encoder may map an unmatched phrase to a finding. */
  encoderThreshold: z.number().min(0).max(1),
  /** In free text, embed only unmatched stretches that hold a word unknown to both the lexicon and common English. */
  encoderUnknownWordsOnly: z.boolean().default(true),
  /** Largest edit distance the fuzzy matcher accepts, by word length. */
  fuzzy: z.strictObject({ minLength: z.number().int().min(3), maxDistanceShort: z.number().int().min(0), maxDistanceLong: z.number().int().min(0), longFrom: z.number().int().min(4) }),
  ageBands: z.array(z.strictObject({ id: AgeBand, maxMonths: z.number() })).min(1),
  settings: z.array(z.strictObject({ id: z.string(), label: z.string() })).default([]),
  /**
   * Findings whose absence from a condition's list says nothing (a diabetic can have cystitis; "severe pain" fits many
   * conditions that do not list it): for these an unlisted finding has likelihood ratio 1 instead of `unlistedFactor`.
   */
  neutralWhenUnlisted: z.strictObject({ kinds: z.array(z.string()).default([]), findings: z.array(Id).default([]) }).default({ kinds: [], findings: [] }),
  /** Words too general to name a finding on their own ("pain", "cold", "low"): a one-word phrase made of one is never matched. */
  ambiguousWords: z.array(z.string()).default([]),
  weightWords: z.array(z.strictObject({ minLR: z.number(), words: z.string() })).min(1),
});

export type Manifest = z.infer<typeof Manifest>;
export type Finding = z.infer<typeof Finding>;
export type DdxplusLink = z.infer<typeof DdxplusLink>;
export type Condition = z.infer<typeof Condition>;
export type RedFlag = z.infer<typeof RedFlag>;
export type VitalRule = z.infer<typeof VitalRule>;
export type ContextRule = z.infer<typeof ContextRule>;
export type Abbreviation = z.infer<typeof Abbreviation>;
export type Score = z.infer<typeof Score>;
export type Engine = z.infer<typeof Engine>;
export type TriageLevel = z.infer<typeof TriageLevel>;
export type AgeBand = z.infer<typeof AgeBand>;

/** Words that label a number in a note ("sats 88%", "RR 28"), per vital, and the units that convert. */
export const NumberWords = z.strictObject({
  labels: z.record(Vital, z.array(z.string().min(1)).min(1)),
  /** Physiologically plausible ranges: a number outside one is not that vital ("RR 2 days ago" is not a breathing rate). */
  plausible: z.record(Vital, z.tuple([z.number(), z.number()])),
  fahrenheitAbove: z.number(),
  glucoseMgDlAbove: z.number(),
  ageWords: z.strictObject({ female: z.array(z.string()), male: z.array(z.string()) }),
});

/** Lay speech names pain by place ("my tummy is paining", "pain in the right eye"): pain words near a site word make that site's pain finding. */
export const BodySites = z.strictObject({
  painWords: z.array(z.string().min(2)).min(1),
  sites: z.array(z.strictObject({ words: z.array(z.string().regex(/^[a-z']+$/)).min(1), finding: Id })).min(1),
});
export type BodySites = z.infer<typeof BodySites>;

/** Single words or short phrases that mean a finding is absent ("afebrile", "neck supple"). */
export const NegativePhrase = z.strictObject({ phrase: z.string().min(3), finding: Id, reference: z.string() });
export type NegativePhrase = z.infer<typeof NegativePhrase>;

export const Checklist = z.array(z.strictObject({ group: z.string(), zh: z.string().optional(), findings: z.array(Id).min(1) })).min(1);

export type NumberWords = z.infer<typeof NumberWords>;
export type Checklist = z.infer<typeof Checklist>;
