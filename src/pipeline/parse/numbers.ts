// Reads numbers from a note: vital signs by their labels ("T 38.2", "sats 88%", "BP 150/95"), age and sex ("45yo F", "8 month old boy").
import type { NumberWords } from '../../knowledge/schema.ts';
import type { Sex, Vitals } from '../types.ts';

export type NumberFacts = {
  vitals: Vitals;
  spans: { vital: keyof Vitals; span: [number, number] }[];
  ageMonths?: number;
  ageSpan?: [number, number];
  sex?: Sex;
};

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const alt = (words: string[]) => [...words].sort((a, b) => b.length - a.length).map(esc).join('|');


export type NumberPatterns = { words: NumberWords; single: [keyof Vitals, RegExp][]; bp: RegExp };

export function buildNumberPatterns(words: NumberWords): NumberPatterns {
  const single = (Object.keys(words.labels) as (keyof Vitals)[])
    .filter((v) => v !== 'systolicBP' && v !== 'diastolicBP')
    .map((v): [keyof Vitals, RegExp] => [v, new RegExp(`(?<![a-z])(?:${alt(words.labels[v]!)})\\s*(?:[:=-]|of|is|was|at)?\\s*(\\d{1,3}(?:\\.\\d+)?)\\s*(°\\s*[cf]|deg(?:rees)?\\s*[cf]?|[cf](?![a-z])|%|mmol(?:\\/l)?|mg\\/dl|kgs?|bpm|\\/min)?`, 'gi')]);
  const bpWords = alt(words.labels.systolicBP ?? ['bp']);
  const bp = new RegExp(`(?:(?<![a-z])(?:${bpWords})\\s*[:=-]?\\s*(?:of|is|was)?\\s*)?(?<![\\d/])(\\d{2,3})\\s*\\/\\s*(\\d{2,3})(?![\\d/])`, 'gi');
  return { words, single, bp };
}

function convert(vital: keyof Vitals, value: number, unit: string, words: NumberWords): number {
  const u = unit.toLowerCase().replace(/[°\s]|deg(rees)?/g, '');
  if (vital === 'temperatureC' && (u === 'f' || (u !== 'c' && value > words.fahrenheitAbove))) return Math.round(((value - 32) * 5) / 9 * 10) / 10;
  if (vital === 'glucoseMmol' && (u === 'mg/dl' || (u === '' && value > words.glucoseMgDlAbove))) return Math.round((value / 18) * 10) / 10;
  return value;
}

export function readNumbers(text: string, p: NumberPatterns): NumberFacts {
  const facts: NumberFacts = { vitals: {}, spans: [] };
  const taken: [number, number][] = [];
  const free = (a: number, b: number) => !taken.some(([x, y]) => a < y && b > x);
  const put = (vital: keyof Vitals, value: number, span: [number, number]) => {
    const [lo, hi] = p.words.plausible[vital] ?? [-Infinity, Infinity];
    if (value < lo || value > hi || facts.vitals[vital] !== undefined || !free(...span)) return false;
    facts.vitals[vital] = value;
    facts.spans.push({ vital, span });
    taken.push(span);
    return true;
  };
  for (const m of text.matchAll(p.bp)) {
    const sys = Number(m[1]);
    const dia = Number(m[2]);
    // A bare "2/7" or "10/10" is a duration or a pain score; a blood pressure needs a label or believable numbers.
    const labelled = m[0].length > m[1].length + m[2].length + 1 && /[a-z]/i.test(m[0]);
    if (!labelled && (sys < 70 || dia < 30 || sys <= dia)) continue;
    const span: [number, number] = [m.index!, m.index! + m[0].length];
    if (put('systolicBP', sys, span)) { facts.vitals.diastolicBP = dia; facts.spans.push({ vital: 'diastolicBP', span }); }
  }
  for (const [vital, re] of p.single) {
    for (const m of text.matchAll(re)) {
      const value = convert(vital, Number(m[1]), m[2] ?? '', p.words);
      if (put(vital, value, [m.index!, m.index! + m[0].length])) break;
    }
  }
  // A number followed by % with no label is almost always a saturation in a clinic note.
  if (facts.vitals.spo2 === undefined) {
    const m = text.match(/(?<![\d.])(\d{2,3})\s*%\s*(?:on\s+(?:room\s+)?air|ra)\b/i);
    if (m) put('spo2', Number(m[1]), [m.index!, m.index! + m[0].length]);
  }
  // Obstetric shorthand: "32/40" is 32 weeks of a 40-week pregnancy.
  if (facts.vitals.gestationWeeks === undefined) {
    const m = text.match(/(?<![\d.\/])~?(\d{1,2})(?:\+\d)?\s*\/\s*40(?![\d/])/);
    if (m) put('gestationWeeks', Number(m[1]), [m.index!, m.index! + m[0].length]);
  }
  if (facts.vitals.temperatureC === undefined) {
    const m = text.match(/(?<![\d.])(\d{2,3}(?:\.\d)?)\s*(°\s*[cf]|degrees?\s*[cf]?)(?![a-z])/i);
    if (m) put('temperatureC', convert('temperatureC', Number(m[1]), m[2], p.words), [m.index!, m.index! + m[0].length]);
  }
  readAgeSex(text, p.words, facts);
  return facts;
}

const AGE = /(?<![\d.])(\d{1,3}(?:\.\d)?)\s*(?:-|\s)?\s*(years?|yrs?|yo|y\/o|y|months?|mos?|mths?|m\/o|weeks?|wks?|days?|d\/o)(?:[\s-]*old)?\s*([mf](?![a-z])|male|female|boy|girl|man|woman|lady|baby|infant|child)?/i;
const AGE_WORDED = /\b(?:aged?|age:?)\s*(\d{1,3})\b/i;
const AGE_SEX_COMPACT = /(?<![\d.\w])(\d{1,3})\s*([mf])(?![a-z])/i;

function readAgeSex(text: string, words: NumberWords, facts: NumberFacts) {
  const m = [...text.matchAll(new RegExp(AGE, 'gi'))].find((x) => /^(yo|y\/o|m\/o|d\/o)$/i.test(x[2]) || /old/i.test(x[0]) || x[3]);
  // "3 days" is a duration; an age needs "old", "yo"/"y/o", or a person word after it ("45 yrs male").
  if (m && (/^(yo|y\/o|m\/o|d\/o)$/i.test(m[2]) || /old/i.test(m[0]) || m[3])) {
    const n = Number(m[1]);
    const u = m[2].toLowerCase();
    facts.ageMonths = u.startsWith('w') ? n / 4.345 : u.startsWith('d') ? n / 30.4 : u.startsWith('m') && !u.startsWith('m/') ? n : u === 'm/o' ? n : n * 12;
    facts.ageSpan = [m.index!, m.index! + m[0].length];
    if (m[3]) facts.sex = sexWord(m[3], words);
  } else {
    const c = text.match(AGE_SEX_COMPACT) ?? text.match(AGE_WORDED);
    if (c) {
      facts.ageMonths = Number(c[1]) * 12;
      facts.ageSpan = [c.index!, c.index! + c[0].length];
      if (c[2]) facts.sex = sexWord(c[2], words);
    }
  }
  if (!facts.sex) {
    for (const t of text.toLowerCase().match(/[a-z]+/g) ?? []) {
      const s = sexWord(t, words, true);
      if (s) { facts.sex = s; break; }
    }
  }
}

function sexWord(w: string, words: NumberWords, wholeWordsOnly = false): Sex | undefined {
  const x = w.toLowerCase();
  if (wholeWordsOnly && x.length === 1) return undefined;
  if (words.ageWords.female.includes(x)) return 'female';
  if (words.ageWords.male.includes(x)) return 'male';
  return undefined;
}
