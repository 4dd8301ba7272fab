// Loads models/phrase-encoder offline with transformers.js exactly as the server does, prints cosine similarities,
// the max abs difference against the PyTorch reference (models/training/reference.json, written by export.py)
// and the time per phrase.   Run:  node models/training/check-load.mjs
import { pipeline, env } from '@xenova/transformers';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
env.allowRemoteModels = false;
env.localModelPath = path.join(here, '..') + '/';

const t0 = performance.now();
const extractor = await pipeline('feature-extraction', 'phrase-encoder', { quantized: false });
console.log(`loaded in ${(performance.now() - t0).toFixed(0)} ms`);

const embed = async (text) => Array.from((await extractor(text, { pooling: 'mean', normalize: true })).data);
const cos = (a, b) => a.reduce((s, x, i) => s + x * b[i], 0);

const pairs = [
  ['shortness of breath', ['sob', 'cant breathe', "can't catch my breath", 'breathless', 'short of breth', 'headache', 'rash', 'abdominal pain']],
  ['abdominal pain', ['tummy hurts', 'stomach ache', 'abd pain', 'belly pian', 'chest pain', 'headache']],
  ['cough', ['coughing', 'coughin', 'coughing up blood', 'fever']],
  ['coughing up blood', ['haemoptysis', 'hemoptysis', 'blood in sputum', 'cough']],
  ['fever', ['feverish', 'high temperature', 'burning up', 'feverr', 'chills', 'rash']],
  ['right lower quadrant pain', ['pain in the right lower belly', 'rlq pain', 'left lower quadrant pain', 'right upper quadrant pain']],
];
for (const [a, bs] of pairs) {
  const ea = await embed(a);
  const row = [];
  for (const b of bs) row.push(`${b}: ${cos(ea, await embed(b)).toFixed(3)}`);
  console.log(`"${a}" vs  ${row.join(' | ')}`);
}

// agreement with PyTorch
const ref = JSON.parse(readFileSync(path.join(here, 'reference.json'), 'utf8'));
let maxDiff = 0, tokMismatch = 0;
for (const r of ref.phrases) {
  const ids = Array.from(extractor.tokenizer(r.text).input_ids.data, Number);
  if (ids.join(',') !== r.ids.join(',')) { tokMismatch++; console.log('token mismatch', r.text, ids, r.ids); }
  const e = await embed(r.text);
  for (let i = 0; i < e.length; i++) maxDiff = Math.max(maxDiff, Math.abs(e[i] - r.embedding[i]));
}
console.log(`reference phrases: ${ref.phrases.length}, tokenizer mismatches: ${tokMismatch}, max abs diff vs PyTorch: ${maxDiff.toExponential(2)}`);

// speed: one phrase per call, as the server embeds a user's phrase
const texts = ['shortness of breath', 'my tummy hurts since yesterday', 'fever and chills', 'coughing up green phlegm',
  'pain when passing urine', 'headache', 'swollen left calf', 'cant catch my breath at night'];
for (const t of texts) await embed(t);
const n = 400;
const t1 = performance.now();
for (let i = 0; i < n; i++) await embed(texts[i % texts.length]);
const ms = (performance.now() - t1) / n;
console.log(`ms per phrase (single-phrase calls, mean of ${n}): ${ms.toFixed(2)}`);
