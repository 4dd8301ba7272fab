// The loaded, cross-referenced and frozen knowledge base that every pipeline stage reads.
import type {
  Abbreviation, BodySites, Checklist, NegativePhrase, Condition, ContextRule, DdxplusLink, Engine, Finding, Manifest, NumberWords, RedFlag, Score, VitalRule,
} from './schema.ts';

export type KnowledgeBase = {
  manifest: Manifest;
  engine: Engine;
  findings: ReadonlyMap<string, Finding>;
  conditions: ReadonlyMap<string, Condition>;
  conditionList: readonly Condition[];
  redFlags: readonly RedFlag[];
  vitalRules: readonly VitalRule[];
  contextRules: readonly ContextRule[];
  abbreviations: readonly Abbreviation[];
  numbers: NumberWords;
  bodySites: BodySites;
  negativePhrases: readonly NegativePhrase[];
  scores: readonly Score[];
  checklist: Checklist;
  ddxplus: readonly DdxplusLink[];
  /** ICD-10-CM 2025 code → title, shipped in knowledge/ so the server never reads ../shared. */
  icd10: ReadonlyMap<string, string>;
  /** finding id → its ancestors, nearest first (from `parent`). */
  ancestors: ReadonlyMap<string, readonly string[]>;
};
