// A case as CSV: one row per assessment version with its leading conditions and any review; cells quoted and guarded against formulas.
import type { StoredAssessment } from '../storage/assessments.ts';
import type { Review } from '../storage/reviews.ts';

/** RFC 4180 quoting; a cell that a spreadsheet would run as a formula (= + - @, tab, CR) is prefixed with an apostrophe. */
export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const HEADER = ['case_id', 'reference', 'assessment_id', 'version', 'created_at', 'age_months', 'sex', 'pregnant', 'triage',
  'top1', 'top1_icd10', 'top1_probability', 'top2', 'top2_icd10', 'top2_probability', 'top3', 'top3_icd10', 'top3_probability',
  'red_flags', 'findings_present', 'findings_absent', 'note', 'reviewed_diagnosis', 'reviewed_icd10', 'disposition', 'reviewer', 'reviewed_at', 'review_note',
  'app_version', 'knowledge_version', 'model'];

export function caseCsv(versions: StoredAssessment[], reviews: Review[]): string {
  const lines = [HEADER.join(',')];
  for (const a of versions) {
    const o = a.opinion;
    const top = [0, 1, 2].flatMap((i) => { const d = o.differential[i]; return d ? [d.condition.name, d.condition.icd10, d.probability.toFixed(3)] : ['', '', '']; });
    const rs = reviews.filter((r) => r.assessmentId === a.id);
    const row = (r?: Review) => [
      a.caseId, a.reference ?? '', a.id, a.version, a.createdAt, o.patient.ageMonths ?? '', o.patient.sex ?? '', o.patient.pregnant ? 'yes' : '', o.triage.level,
      ...top, o.redFlags.map((f) => f.label).join('; '),
      o.findings.filter((f) => f.status === 'present').map((f) => f.label).join('; '), o.findings.filter((f) => f.status === 'absent').map((f) => f.label).join('; '),
      a.input.text, r?.diagnosis ?? '', r?.icd10 ?? '', r?.disposition ?? '', r?.reviewer ?? '', r?.createdAt ?? '', r?.note ?? '',
      o.provenance.app, o.provenance.knowledge, o.provenance.model,
    ].map(csvCell).join(',');
    if (rs.length) for (const r of rs) lines.push(row(r)); else lines.push(row());
  }
  return `${lines.join('\r\n')}\r\n`;
}
