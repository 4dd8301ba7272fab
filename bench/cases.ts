// The notes and request bodies that the benchmarks, the soak and the crash tests send: short, typical and long, as a clinic writes them.
export const NOTES = {
  short: '3 days fever and cough, no chest pain',
  typical: '45yo F c/o SOB x3d, productive cough with yellow sputum, fever and chills since Monday, R sided chest pain worse on deep breath, no haemoptysis, denies leg swelling. Hx asthma, smoker 10 pack years. Mother diabetic. T 38.6 HR 108 RR 26 BP 118/76 sats 92% RA. Not eating well, tired, mild headache, no vomiting, no diarrhoea, no rash. Worried it is TB because neighbour had TB last year.',
  long: '',
  /** A note at the intake limit (5,000 characters): the worst case a single request can ask of the parser. */
  limit: '',
};
NOTES.long = `${NOTES.typical} ${'She also says her tummy aches after food and she feels dizzy when standing, with some pins and needles in both feet, but no weakness. '.repeat(3)}`;
NOTES.limit = `${NOTES.long} `.repeat(Math.ceil(5000 / (NOTES.long.length + 1))).slice(0, 5000);

export type NoteKind = keyof typeof NOTES;

export const words = (s: string) => s.trim().split(/\s+/).length;

/** A JSON API body for POST /api/v1/assessments. */
export const apiBody = (text: string, age = 45, sex: 'female' | 'male' = 'female') => ({ patient: { age, sex }, text });

/** A spread of realistic notes for the soak, so the server is not only ever answering the same question. */
export const SOAK_NOTES = [
  NOTES.short, NOTES.typical, NOTES.long,
  '3yo boy, cough and fast breathing for 2 days, not feeding, T 39.1 RR 52',
  'burning when passing urine x2d, frequency, no fever, no loin pain',
  'crushing central chest pain radiating to L arm since 1h, sweaty, BP 90/60 HR 120',
  'itchy rash on both hands for a week, no fever',
  'headache and neck stiffness, vomiting, photophobia, T 39.5',
  'diarrhoea 6x/day for 3 days, some blood, abdominal cramps, sunken eyes',
  'pregnant 32 weeks, headache, blurred vision, swollen feet, BP 160/110',
];

export const quantile = (xs: number[], q: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
