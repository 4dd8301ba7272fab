import { describe, expect, it } from 'vitest';
import { nextQuestions } from '../../../src/pipeline/explain/questions.ts';
import { firedRedFlags } from '../../../src/pipeline/explain/red-flags.ts';
import { computeScores } from '../../../src/pipeline/explain/scores.ts';
import { triage } from '../../../src/pipeline/explain/triage.ts';
import { rank } from '../../../src/pipeline/rank/bayes.ts';
import { vitalFindings } from '../../../src/pipeline/parse/vitals.ts';
import type { CaseFinding, Patient } from '../../../src/pipeline/types.ts';
import { fixtureKb } from '../../helpers.ts';

const kb = fixtureKb();
const patient = (ageMonths: number): Patient => ({ ageMonths, sex: 'male', pregnant: false, ageFrom: 'field', sexFrom: 'field' });
const f = (id: string, status: CaseFinding['status'] = 'present'): CaseFinding => ({ id, label: id, status, source: 'structured' });

describe('red flags and triage', () => {
  it('fires a combination rule only when all its findings are present', () => {
    expect(firedRedFlags([f('fever'), f('neck-stiffness')], patient(300), kb).map((r) => r.id)).toEqual(['meningism']);
    expect(firedRedFlags([f('fever')], patient(300), kb)).toEqual([]);
  });
  it('counts a specific finding as its general one (high fever is fever)', () => {
    expect(firedRedFlags([f('high-fever'), f('neck-stiffness')], patient(300), kb).map((r) => r.id)).toEqual(['meningism']);
  });
  it('makes a danger sign an emergency whatever the ranks', () => {
    const fs = [f('runny-nose'), f('sore-throat'), f('convulsions')];
    const t = triage(firedRedFlags(fs, patient(300), kb), rank(fs, patient(300), [], kb), [], kb);
    expect(t.level).toBe('emergency');
    expect(t.reasons[0]).toContain('Convulsions');
  });
  it('treats a present danger-sign finding as a danger sign even when no rule names it', () => {
    const fs = [f('runny-nose'), f('neck-stiffness')];
    const t = triage([], rank(fs, patient(300), [], kb), [], kb, fs);
    expect(t.level).toBe('emergency');
    expect(t.reasons[0]).toContain('Danger sign: Neck stiffness');
  });
  it('lets a cold be self-care', () => {
    const fs = [f('runny-nose'), f('sore-throat'), f('fever', 'absent')];
    expect(triage([], rank(fs, patient(300), [], kb), [], kb).level).toBe('self-care');
  });
  it('raises triage for a can\'t-miss condition above its threshold', () => {
    const fs = [f('fever'), f('headache'), f('vomiting')];
    const r = rank(fs, patient(300), [], kb);
    const p = r.find((x) => x.conditionId === 'meningitis')!.probability;
    expect(triage([], r, [], { ...kb, engine: { ...kb.engine, cantMissThreshold: p * 1.01 } }).level).not.toBe('emergency');
    expect(triage([], r, [], { ...kb, engine: { ...kb.engine, cantMissThreshold: p * 0.99 } }).level).toBe('emergency');
  });
});

describe('vital signs', () => {
  it('uses age-specific thresholds for fast breathing', () => {
    expect(vitalFindings({ respiratoryRate: 45 }, 24, kb)).toEqual([expect.objectContaining({ id: 'fast-breathing', status: 'present' })]);
    expect(vitalFindings({ respiratoryRate: 45 }, 8, kb)).toEqual([expect.objectContaining({ id: 'fast-breathing', status: 'absent' })]);
  });
  it('marks a normal measured temperature as no fever', () => {
    expect(vitalFindings({ temperatureC: 36.8 }, 300, kb).find((x) => x.id === 'fever')?.status).toBe('absent');
  });
});

describe('next questions and scores', () => {
  it('asks first what separates the leading conditions', () => {
    const fs = [f('fever'), f('cough')];
    const qs = nextQuestions(rank(fs, patient(300), [], kb), fs, kb);
    expect(qs.length).toBeGreaterThan(2);
    expect(qs.map((q) => q.findingId)).not.toContain('fever');
    expect(qs[0].gain).toBeGreaterThan(0);
    expect(qs.every((q, i) => i === 0 || q.dangerSign || qs[i - 1].dangerSign || qs[i - 1].gain >= q.gain)).toBe(true);
  });
  it('does not ask about a finding implied by one already known', () => {
    const fs = [f('cough-productive')];
    expect(nextQuestions(rank(fs, patient(300), [], kb), fs, kb).map((q) => q.findingId)).not.toContain('cough');
  });
  it('computes a score from vitals and age when its condition is in the differential', () => {
    const fs = [f('fever'), f('cough-productive'), f('shortness-of-breath')];
    const s = computeScores(rank(fs, patient(840), [], kb), fs, { respiratoryRate: 32 }, patient(840), kb);
    expect(s[0]).toMatchObject({ id: 'crb-65-fixture', points: 2, known: 2, triage: 'urgent' });
  });
});
