// `npm run bench`: time each pipeline stage and whole assessments (median, p95, p99) for short, typical and long notes, encoder on and off.
import { arg, engine, quantile, table } from '../test/eval/lib.ts';

const NOTES = {
  short: '3 days fever and cough, no chest pain',
  typical: '45yo F c/o SOB x3d, productive cough with yellow sputum, fever and chills since Monday, R sided chest pain worse on deep breath, no haemoptysis, denies leg swelling. Hx asthma, smoker 10 pack years. Mother diabetic. T 38.6 HR 108 RR 26 BP 118/76 sats 92% RA. Not eating well, tired, mild headache, no vomiting, no diarrhoea, no rash. Worried it is TB because neighbour had TB last year.',
  long: '',
};
NOTES.long = `${NOTES.typical} ${'She also says her tummy aches after food and she feels dizzy when standing, with some pins and needles in both feet, but no weakness. '.repeat(3)}`;

const words = (s: string) => s.split(/\s+/).length;
const runs = Number(arg('runs', '300'));
const rows: (string | number)[][] = [['encoder', 'note', 'words', 'parse ms (median)', 'encoder ms (median)', 'rank ms (median)', 'whole median', 'p95', 'p99']];
const json: Record<string, unknown> = {};
for (const withEncoder of [false, true]) {
  const e = await engine(withEncoder);
  for (const [name, text] of Object.entries(NOTES)) {
    const input = { patient: { age: 45, ageMonths: 540, sex: 'female' as const }, text, findings: [], vitals: {}, settings: [] };
    for (let i = 0; i < 20; i++) await e.assess(input);
    const t: { parseMs: number; encoderMs: number; rankMs: number; totalMs: number }[] = [];
    for (let i = 0; i < runs; i++) {
      const o = await e.assess(input);
      t.push(o.timings as never);
    }
    const q = (k: keyof (typeof t)[number], p: number) => quantile(t.map((x) => x[k]), p).toFixed(2);
    rows.push([withEncoder ? 'on' : 'off', name, words(text), q('parseMs', 0.5), q('encoderMs', 0.5), q('rankMs', 0.5), q('totalMs', 0.5), q('totalMs', 0.95), q('totalMs', 0.99)]);
    json[`${withEncoder ? 'on' : 'off'}-${name}`] = { median: +q('totalMs', 0.5), p99: +q('totalMs', 0.99) };
  }
  if (withEncoder) {
    const input = { patient: { age: 45, ageMonths: 540, sex: 'female' as const }, text: NOTES.typical, findings: [], vitals: {}, settings: [] };
    const t0 = performance.now();
    let n = 0;
    while (performance.now() - t0 < 3000) { await e.assess(input); n++; }
    json.throughputPerSecond = Math.round(n / ((performance.now() - t0) / 1000));
  }
}
console.log(table(rows));
console.log(`\nOne process, sequential, typical note with encoder: ${json.throughputPerSecond} assessments/s`);
console.log(JSON.stringify({ bench: 'pipeline', runs, ...json, rssMB: Math.round(process.memoryUsage().rss / 1e6) }));
