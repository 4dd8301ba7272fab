import { describe, expect, it } from 'vitest';
import { buildNumberPatterns, readNumbers } from '../../../src/pipeline/parse/numbers.ts';
import { fixtureKb } from '../../helpers.ts';

const p = buildNumberPatterns(fixtureKb().numbers);
const read = (t: string) => readNumbers(t, p);

describe('numbers in notes', () => {
  it('reads temperature in °C and °F', () => {
    expect(read('temp 38.5').vitals.temperatureC).toBe(38.5);
    expect(read('T 101.3F').vitals.temperatureC).toBe(38.5);
    expect(read('fever 39.2°C').vitals.temperatureC).toBe(39.2);
  });
  it('reads blood pressure, saturation, pulse and breathing rate', () => {
    expect(read('BP 150/95, sats 88%, HR 112, RR 30').vitals).toEqual({ systolicBP: 150, diastolicBP: 95, spo2: 88, heartRate: 112, respiratoryRate: 30 });
  });
  it('does not take a duration or a pain score for blood pressure', () => {
    expect(read('cough 2/7, pain 8/10').vitals.systolicBP).toBeUndefined();
  });
  it('converts glucose in mg/dL', () => {
    expect(read('RBS 252 mg/dl').vitals.glucoseMmol).toBe(14);
  });
  it('reads age and sex in many forms, but not a duration as an age', () => {
    expect(read('3-year-old boy with fever')).toMatchObject({ ageMonths: 36, sex: 'male' });
    expect(read('8 month old, mother says hot')).toMatchObject({ ageMonths: 8, sex: 'female' });
    expect(read('45yo F')).toMatchObject({ ageMonths: 540, sex: 'female' });
    expect(read('fever for 3 days').ageMonths).toBeUndefined();
  });
  it('ignores implausible numbers', () => {
    expect(read('RR 2 days ago').vitals.respiratoryRate).toBeUndefined();
  });
});
