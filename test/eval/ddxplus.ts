// Turns a DDXPlus patient row into a case: evidence codes → findings through the knowledge base's ddxplus-map.
import type { KnowledgeBase } from '../../src/knowledge/types.ts';
import type { CaseInput } from '../../src/pipeline/types.ts';

export type DdxRow = { age: number; sex: 'female' | 'male'; pathology: string; differential: [string, number][]; evidences: string[] };

/** Parse one CSV line of the official format (AGE, DIFFERENTIAL_DIAGNOSIS, SEX, PATHOLOGY, EVIDENCES, INITIAL_EVIDENCE). */
export function parseCsv(text: string): DdxRow[] {
  const lines = text.split(/\r?\n/).filter(Boolean);
  const header = splitCsv(lines[0]);
  const col = (name: string) => header.indexOf(name);
  const [iAge, iDiff, iSex, iPath, iEv] = ['AGE', 'DIFFERENTIAL_DIAGNOSIS', 'SEX', 'PATHOLOGY', 'EVIDENCES'].map(col);
  if ([iAge, iDiff, iSex, iPath, iEv].some((i) => i < 0)) throw new Error(`not a DDXPlus patient file: columns are ${header.join(', ')}`);
  return lines.slice(1).map((l) => {
    const c = splitCsv(l);
    const py = (s: string) => JSON.parse(s.replace(/'/g, '"'));
    return { age: Number(c[iAge]), sex: c[iSex] === 'F' ? 'female' : 'male', pathology: c[iPath], differential: py(c[iDiff]), evidences: py(c[iEv]) };
  });
}

function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') { if (quoted && line[i + 1] === '"') { cur += '"'; i++; } else quoted = !quoted; } else if (ch === ',' && !quoted) { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Evidence tokens ("E_91", "E_55_@_V_29", "E_56_@_7") become present findings; nothing is inferred as absent. */
export function rowToCase(row: DdxRow, kb: KnowledgeBase): CaseInput {
  const present = new Set<string>();
  for (const tok of row.evidences) {
    const [code, value] = tok.split('_@_');
    for (const link of kb.ddxplus) {
      if (link.code !== code) continue;
      if (link.value !== undefined ? link.value === value : link.min !== undefined ? Number(value) >= link.min : value === undefined) present.add(link.finding);
    }
  }
  return { patient: { age: row.age, ageMonths: row.age * 12, sex: row.sex }, text: '', findings: [...present].map((id) => ({ id, status: 'present' as const })), vitals: {}, settings: [] };
}
