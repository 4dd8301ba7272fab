// Duration, onset, severity, site and laterality said near a finding ("for 3 days", "sudden", "worst ever", "left arm").
import type { Qualifiers } from '../types.ts';

const NUM = '(\\d+(?:\\.\\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|several|couple of)';
const UNIT = '(h|hrs?|hours?|d|days?|w|wks?|weeks?|m|mo|mos|months?|y|yrs?|years?)';
const DURATION: RegExp[] = [
  new RegExp(`\\b(?:for|x|since|past|last|over)\\s*(?:the\\s+)?(?:last\\s+|past\\s+)?${NUM}\\s*${UNIT}\\b`, 'i'),
  new RegExp(`\\bx\\s*${NUM}\\s*${UNIT}\\b`, 'i'),
  new RegExp(`\\b${NUM}\\s*${UNIT}\\s*(?:ago|now|duration|history)\\b`, 'i'),
  /\b(\d{1,2})\/(7|52|12)\b/,
  /\bsince\s+(yesterday|last night|this morning|morning|today|last week|last month|birth|childhood)\b/i,
  new RegExp(`\\b(?:since|from)\\s+${NUM}\\s*${UNIT}\\b`, 'i'),
];
const ONSET: [RegExp, string][] = [
  [/\b(sudden(?:ly)?|abrupt(?:ly)?|all of a sudden|out of nowhere|thunderclap|came on quickly)\b/i, 'sudden'],
  [/\b(gradual(?:ly)?|slowly|over time|insidious|creeping)\b/i, 'gradual'],
];
const SEVERITY: [RegExp, string][] = [
  [/\b(worst|excruciating|unbearable|severe|terrible|very bad|really bad|intense|10\/10|9\/10|8\/10)\b/i, 'severe'],
  [/\b(moderate|quite bad|7\/10|6\/10|5\/10)\b/i, 'moderate'],
  [/\b(mild|slight|a bit|a little|minor|1\/10|2\/10|3\/10|4\/10)\b/i, 'mild'],
];
const SITE = /\b((?:right|left|both|bilateral|r|l)\s*(?:sided\s+)?(?:upper|lower)?\s*(?:quadrant|side|arm|leg|eye|ear|knee|hip|ankle|foot|hand|wrist|shoulder|chest|flank|loin|calf|thigh|breast|testicle|groin|iliac fossa)|(?:upper|lower)\s+(?:abdomen|back|chest)|(?:epigastri(?:um|c)|umbilic(?:us|al)|suprapubic|periumbilical|retrosternal|central chest))\b/i;
const CHARACTER: [RegExp, string][] = [
  [/\b(productive|wet|with (?:phlegm|sputum|mucus))\b/i, 'productive'],
  [/\b(dry|non[- ]?productive|tickly)\b/i, 'dry'],
  [/\b(burning)\b/i, 'burning'], [/\b(sharp|stabbing)\b/i, 'sharp'], [/\b(crushing|pressure|squeezing|heavy|tight(?:ness)?)\b/i, 'pressure'],
  [/\b(colicky|cramping|crampy|comes and goes)\b/i, 'colicky'], [/\b(throbbing|pulsating)\b/i, 'throbbing'],
];

const numberWords: Record<string, string> = { a: '1', an: '1', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10' };
const unitWord = (u: string) => {
  const c = u.toLowerCase();
  return c.startsWith('h') ? 'hours' : c.startsWith('d') ? 'days' : c.startsWith('w') ? 'weeks' : c.startsWith('y') ? 'years' : 'months';
};

/** Qualifiers said in one clause of the note. */
export function qualifiersOf(clause: string): Qualifiers {
  const q: Qualifiers = {};
  for (const re of DURATION) {
    const m = clause.match(re);
    if (!m) continue;
    if (m.length === 3 && /^(7|52|12)$/.test(m[2]) && re.source.includes('\\/')) q.duration = `${m[1]} ${({ '7': 'days', '52': 'weeks', '12': 'months' } as Record<string, string>)[m[2]]}`;
    else if (m.length >= 3) q.duration = `${numberWords[m[1].toLowerCase()] ?? m[1]} ${unitWord(m[2])}`;
    else q.duration = `since ${m[1].toLowerCase()}`;
    break;
  }
  for (const [re, v] of ONSET) if (re.test(clause)) { q.onset = v; break; }
  for (const [re, v] of SEVERITY) if (re.test(clause)) { q.severity = v; break; }
  const site = clause.match(SITE);
  if (site) q.site = site[1].toLowerCase().replace(/^r\b/, 'right').replace(/^l\b/, 'left').replace(/\s+/g, ' ');
  for (const [re, v] of CHARACTER) if (re.test(clause)) { q.character = v; break; }
  return q;
}
