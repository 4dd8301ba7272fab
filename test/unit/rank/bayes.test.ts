import { describe, expect, it } from 'vitest';
import { listedOf, rank } from '../../../src/pipeline/rank/bayes.ts';
import type { CaseFinding, Patient } from '../../../src/pipeline/types.ts';
import { fixtureKb } from '../../helpers.ts';

const kb = fixtureKb();
const adult: Patient = { ageMonths: 480, sex: 'female', pregnant: false, ageFrom: 'field', sexFrom: 'field' };
const f = (id: string, status: CaseFinding['status'] = 'present'): CaseFinding => ({ id, label: id, status, source: 'structured' });
const top = (fs: CaseFinding[]) => rank(fs, adult, [], kb)[0].conditionId;
const prob = (fs: CaseFinding[], id: string) => rank(fs, adult, [], kb).find((r) => r.conditionId === id)!.probability;

describe('naive-Bayes ranking', () => {
  it('gives normalised probabilities that sum to one', () => {
    const r = rank([f('fever'), f('cough')], adult, [], kb);
    expect(r.reduce((s, x) => s + x.probability, 0)).toBeCloseTo(1, 6);
  });
  it('puts the condition that explains the findings first', () => {
    expect(top([f('fever'), f('cough-productive'), f('shortness-of-breath'), f('fast-breathing')])).toBe('pneumonia');
    expect(top([f('diarrhoea'), f('vomiting'), f('abdominal-pain')])).toBe('gastroenteritis');
    expect(top([f('runny-nose'), f('sore-throat')])).toBe('common-cold');
  });
  it('lowers a condition when a typical finding is absent', () => {
    expect(prob([f('fever'), f('headache'), f('neck-stiffness', 'absent')], 'meningitis')).toBeLessThan(prob([f('fever'), f('headache')], 'meningitis'));
  });
  it('moves nothing for findings that are not known', () => {
    const before = rank([f('cough')], adult, [], kb).map((r) => r.probability);
    const after = rank([f('cough'), { ...f('no-such'), id: 'no-such' }], adult, [], kb).map((r) => r.probability);
    expect(after).toEqual(before);
  });
  it('counts a symptom stated twice (cough and productive cough) once', () => {
    const once = rank([f('cough-productive')], adult, [], kb).find((r) => r.conditionId === 'pneumonia')!;
    const twice = rank([f('cough'), f('cough-productive')], adult, [], kb).find((r) => r.conditionId === 'pneumonia')!;
    expect(twice.logOdds).toBeCloseTo(once.logOdds, 6);
    expect(twice.contributions.map((c) => c.findingId)).toEqual(['cough-productive']);
  });
  it('explains each step with a likelihood ratio and words', () => {
    const r = rank([f('neck-stiffness')], adult, [], kb).find((x) => x.conditionId === 'meningitis')!;
    expect(r.contributions[0]).toMatchObject({ findingId: 'neck-stiffness', words: 'strongly for' });
    expect(r.contributions[0].lr).toBeCloseTo(70, 0);
  });
  it('lets a specific finding a condition lists imply its general form (productive cough in 60% means cough in at least 60%)', () => {
    const onlySpecific = { ...kb.conditions.get('pneumonia')!, findings: [{ id: 'cough-productive', p: 0.6 }, { id: 'fever', p: 0.8 }] };
    const listed = listedOf(onlySpecific, kb.ancestors);
    expect(listed.get('cough')).toBe(0.6);
    expect(listed.get('cough-productive')).toBe(0.6);
  });
});
