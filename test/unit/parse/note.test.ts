import { describe, expect, it } from 'vitest';
import { buildTextIndex, parseNote } from '../../../src/pipeline/parse/note.ts';
import { fixtureKb } from '../../helpers.ts';

const idx = buildTextIndex(fixtureKb());
const mentions = (text: string) => parseNote(text, idx).mentions.map((m) => `${m.findingId}:${m.assertion}`);

describe('free-text understanding', () => {
  it('reads the classic nurse note: shorthand, negatives, history and vitals', () => {
    const n = parseNote('45yo F c/o SOB x3d, no CP, denies fever, T 38.2, RR 28, hx asthma', idx);
    expect(n.mentions.map((m) => `${m.findingId}:${m.assertion}`)).toEqual([
      // "hx asthma" reads as the finding "history of asthma" itself, so it is present.
      'shortness-of-breath:present', 'chest-pain:absent', 'fever:absent', 'asthma-history:present',
    ]);
    expect(n.mentions[0].qualifiers.duration).toBe('3 days');
    expect(n.numbers.vitals).toEqual({ temperatureC: 38.2, respiratoryRate: 28 });
    expect(n.numbers.ageMonths).toBe(540);
    expect(n.numbers.sex).toBe('female');
  });

  it('negates every item of a list and stops at "but"', () => {
    expect(mentions('no fever, cough or runny nose but has headache')).toEqual(['fever:absent', 'cough:absent', 'runny-nose:absent', 'headache:present']);
  });

  it('ends negation at a new sentence', () => {
    expect(mentions('No fever. Cough for a week.')).toEqual(['fever:absent', 'cough:present']);
  });

  it('marks "fever: no" and "-ve" style answers as absent', () => {
    expect(mentions('fever: no, cough -ve')).toEqual(['fever:absent', 'cough:absent']);
  });

  it('marks queries, relatives and advice', () => {
    expect(mentions('?meningism')).toEqual(['neck-stiffness:possible']);
    expect(mentions('mother has asthma')).toEqual(['asthma-history:family']);
    expect(mentions('return if fits')).toEqual(['convulsions:hypothetical']);
  });

  it('understands lay words', () => {
    expect(mentions("I can't catch my breath and my tummy ache")).toEqual(['shortness-of-breath:present', 'abdominal-pain:present']);
    expect(mentions('running stomach and hot body')).toEqual(['diarrhoea:present', 'fever:present']);
  });

  it('repairs spelling mistakes but never turns a real word into a finding', () => {
    const n = parseNote('feaver and coughh since 2/7', idx);
    expect(n.mentions.map((m) => `${m.findingId}:${m.method}`)).toEqual(['fever:fuzzy', 'cough:fuzzy']);
    expect(mentions('lying on the couch')).toEqual([]);
  });

  it('keeps each finding\'s character span', () => {
    const text = 'bad headache today';
    const m = parseNote(text, idx).mentions[0];
    expect(text.slice(...m.span)).toBe('headache');
  });

  it('leaves what it did not understand for the encoder', () => {
    const n = parseNote('cough and a funny rattling noise', idx);
    expect(n.leftovers.map((l) => l.text)).toEqual(['funny rattling noise']);
  });

  it('reads Chinese symptom words with the common Chinese negation cues', () => {
    expect(mentions('发烧3天，咳嗽，无胸痛、气短')).toEqual(['fever:present', 'cough:present', 'chest-pain:absent', 'shortness-of-breath:absent']);
    expect(mentions('头痛，没有发热')).toEqual(['headache:present', 'fever:absent']);
    expect(mentions('否认胸痛')).toEqual(['chest-pain:absent']);
  });
});
