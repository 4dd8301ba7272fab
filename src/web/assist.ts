// The entry page's helpers: finding autocomplete and as-you-type note parsing, for a signed-in browser or an API token.
import express, { type RequestHandler, Router } from 'express';
import { z } from 'zod';
import type { WebDeps } from '../app.ts';
import { ValidationError } from '../errors.ts';
import { parseNote } from '../pipeline/parse/note.ts';
import type { Assertion } from '../pipeline/types.ts';
import { kbLabels, speakerOf } from './i18n.ts';
import { issuesOf, LIMITS } from './intake.ts';

const FindingQuery = z.object({ q: z.string().trim().max(100).default(''), limit: z.coerce.number().int().min(1).max(30).default(10) });
const ParseBody = z.strictObject({ text: z.string().max(LIMITS.textChars, `text must be at most ${LIMITS.textChars} characters`) });

/** How the page names an assertion: the three the opinion uses, and the ones the ranker leaves out. */
const STATUS: Record<Assertion, string> = { present: 'present', absent: 'absent', possible: 'possible', historical: 'past', family: 'family', hypothetical: 'hypothetical' };

export function assistRouter(deps: WebDeps, auth: RequestHandler): Router {
  const r = Router();
  r.get('/findings', auth, (req, res) => {
    const q = FindingQuery.safeParse(req.query);
    if (!q.success) throw new ValidationError('The search is not valid', issuesOf(q.error));
    const label = kbLabels(deps.kb, speakerOf(res));
    const hits = q.data.q ? deps.findings(q.data.q, q.data.limit) : [];
    res.set('Cache-Control', 'no-store').json({ query: q.data.q, findings: hits.map((h) => ({ id: h.id, label: h.label, display: label.finding(h.id, h.label), matched: h.matched })) });
  });
  r.post('/parse', auth, express.json({ limit: '32kb', strict: true }), (req, res) => {
    const b = ParseBody.safeParse(req.body);
    if (!b.success) throw new ValidationError('The text is not valid', issuesOf(b.error));
    const label = kbLabels(deps.kb, speakerOf(res));
    const parsed = parseNote(b.data.text, deps.text);
    const mentions = parsed.mentions
      .map((m) => ({ span: m.span, text: m.text, findingId: m.findingId, label: label.finding(m.findingId), status: STATUS[m.assertion] }))
      .sort((a, b) => a.span[0] - b.span[0]);
    res.set('Cache-Control', 'no-store').json({ mentions });
  });
  return r;
}
