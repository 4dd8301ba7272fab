#!/usr/bin/env node
// Validates the evaluation vignettes in this folder and prints counts.
//   node test/eval/vignettes/validate.mjs            -> checks + counts, exit 1 on any error
//   node test/eval/vignettes/validate.mjs --markdown -> counts as markdown tables (for README.md)
// Checks: every *.json parses to an array; ids unique; enums valid; ageGroup agrees with age;
// ageMonths present under 2 years; every ICD-10-CM code exists in the 2025 code list;
// structured vitals are plausible and, when the text quotes them, match the text.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const ICD_CSV = process.env.ICD10CM_CODES ?? '/work/shared/data/icd10cm_2025/ICD10CM_2025_codes.csv';

const CATEGORIES = ['respiratory', 'ent', 'eye', 'skin', 'gastrointestinal', 'urinary-renal', 'sexual-reproductive',
  'pregnancy', 'cardiovascular', 'neurological', 'musculoskeletal', 'injury', 'endocrine-metabolic', 'blood',
  'mental-health', 'poisoning', 'child-newborn', 'older-adult', 'infectious-tropical'];
const AGE_GROUPS = ['newborn', 'infant', 'young-child', 'child', 'adolescent', 'adult', 'older'];
const VOICES = ['nurse-shorthand', 'patient-words', 'second-language', 'carer', 'village-doctor', 'rambling'];
const TRIAGE = ['emergency', 'urgent', 'routine', 'self-care'];
const VITAL_RANGES = {
  temperatureC: [30, 43], heartRate: [20, 250], respiratoryRate: [5, 100], spo2: [50, 100],
  systolicBP: [50, 260], diastolicBP: [20, 160], glucoseMmolL: [0.5, 60],
};

const errors = [];
const err = (id, msg) => errors.push(`${id}: ${msg}`);

const codes = new Set(fs.readFileSync(ICD_CSV, 'utf8').split('\n').slice(1).map((l) => l.split(',')[0]).filter(Boolean));

function expectedGroup(p) {
  if (p.ageDays !== undefined && p.ageDays < 30) return 'newborn';
  if (p.ageMonths !== undefined && p.ageMonths < 12) return 'infant';
  if (p.age <= 4) return 'young-child';
  if (p.age <= 12) return 'child';
  if (p.age <= 17) return 'adolescent';
  if (p.age <= 64) return 'adult';
  return 'older';
}

const cases = [];
for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  let arr;
  try { arr = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')); } catch (e) { err(f, `does not parse: ${e.message}`); continue; }
  if (!Array.isArray(arr)) { err(f, 'not an array'); continue; }
  const fileCat = f.replace(/\.json$/, '');
  if (!CATEGORIES.includes(fileCat)) err(f, 'file name is not a category');
  for (const c of arr) {
    cases.push(c);
    const id = c.id ?? `${f}#?`;
    if (c.category !== fileCat) err(id, `category ${c.category} in file ${f}`);
    if (!AGE_GROUPS.includes(c.ageGroup)) err(id, `bad ageGroup ${c.ageGroup}`);
    if (!VOICES.includes(c.voice)) err(id, `bad voice ${c.voice}`);
    if (!TRIAGE.includes(c.triage)) err(id, `bad triage ${c.triage}`);
    if (typeof c.text !== 'string' || c.text.length < 20) err(id, 'text missing/short');
    const p = c.patient ?? {};
    if (!Number.isInteger(p.age) || p.age < 0 || p.age > 110) err(id, 'bad patient.age');
    if (!['male', 'female'].includes(p.sex)) err(id, 'bad patient.sex');
    if (p.age < 2 && p.ageMonths === undefined) err(id, 'ageMonths required under 2 years');
    if (p.ageMonths !== undefined && Math.floor(p.ageMonths / 12) !== p.age) err(id, 'age/ageMonths disagree');
    if (p.pregnant === true && p.sex !== 'female') err(id, 'pregnant male');
    if (c.ageGroup !== expectedGroup(p)) err(id, `ageGroup ${c.ageGroup} but age suggests ${expectedGroup(p)}`);
    const e = c.expected ?? {};
    if (!e.name) err(id, 'expected.name missing');
    if (!Array.isArray(e.icd10) || e.icd10.length === 0) err(id, 'expected.icd10 empty');
    for (const code of e.icd10 ?? []) if (!codes.has(code)) err(id, `ICD-10-CM code not found: ${code}`);
    for (const [k, v] of Object.entries(c.vitals ?? {})) {
      const r = VITAL_RANGES[k];
      if (!r) { err(id, `unknown vital ${k}`); continue; }
      if (typeof v !== 'number' || v < r[0] || v > r[1]) err(id, `implausible ${k}=${v}`);
      const s = (k === 'systolicBP' || k === 'diastolicBP') ? `${c.vitals.systolicBP}/${c.vitals.diastolicBP}` : String(v);
      const re = new RegExp(`(?<![\\d.])${s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?!\\d)`);
      if (!re.test(c.text)) err(id, `structured ${k}=${v} not quoted in text`);
    }
  }
}
const seen = new Set();
for (const c of cases) { if (seen.has(c.id)) err(c.id, 'duplicate id'); seen.add(c.id); }

const count = (key) => { const m = {}; for (const c of cases) m[key(c)] = (m[key(c)] ?? 0) + 1; return m; };
const byCat = count((c) => c.category), byAge = count((c) => c.ageGroup), byTriage = count((c) => c.triage),
  byVoice = count((c) => c.voice);
const withVitals = cases.filter((c) => c.vitals).length;

if (process.argv.includes('--markdown')) {
  const table = (title, order, m) => `| ${title} | cases |\n|---|---|\n${order.filter((k) => m[k]).map((k) => `| ${k} | ${m[k]} |`).join('\n')}\n| **total** | **${cases.length}** |\n`;
  console.log(table('category', CATEGORIES, byCat));
  console.log(table('age group', AGE_GROUPS, byAge));
  console.log(table('triage', TRIAGE, byTriage));
  console.log(table('voice', VOICES, byVoice));
  const cross = `| category | ${AGE_GROUPS.join(' | ')} |\n|---|${AGE_GROUPS.map(() => '---').join('|')}|\n` +
    CATEGORIES.map((cat) => `| ${cat} | ${AGE_GROUPS.map((g) => cases.filter((c) => c.category === cat && c.ageGroup === g).length || '').join(' | ')} |`).join('\n');
  console.log(cross + '\n');
  console.log(`Cases with a structured \`vitals\` object: ${withVitals} of ${cases.length}.`);
} else {
  console.log(`${cases.length} cases in ${Object.keys(byCat).length} categories`);
  console.log('category:', byCat);
  console.log('ageGroup:', byAge);
  console.log('triage:', byTriage);
  console.log('voice:', byVoice);
  console.log(`structured vitals: ${withVitals}`);
}
if (errors.length) { console.error(`\n${errors.length} error(s):\n` + errors.join('\n')); process.exit(1); }
if (!process.argv.includes('--markdown')) console.log('OK: all checks passed');
