// Splits a note into tokens with character offsets and sentence numbers; shorthand like "c/o", "2/7", "+ve" stays whole.
export type Token = { text: string; lower: string; start: number; end: number; kind: 'word' | 'num' | 'punct' | 'han'; sentence: number };

// Order matters: shorthand first, then words, numbers, Chinese characters (one token each: Chinese has no spaces), then punctuation.
const TOKEN = /[a-z]{1,3}\/[a-z]{1,3}(?:\/[a-z]{1,3})?|\d{1,2}\/(?:7|52|12)(?![\d/])|[+-]ve\b|[a-z]+\+(?![a-z\d])|[a-z\u00c0-\u024f]+(?:['’][a-z]+)?|\d+(?:\.\d+)?|[\u3400-\u9fff]|[^\s\w]/giu;
const SENTENCE_END = new Set(['.', '!', ';', '\n', '。', '！', '；', '?', '？']);

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let sentence = 0;
  let lastEnd = 0;
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index!;
    const raw = m[0];
    // A blank line or a newline between tokens ends a sentence too.
    if (text.slice(lastEnd, start).includes('\n') && tokens.length) sentence++;
    lastEnd = start + raw.length;
    if (raw === '?' || raw === '？') {
      // "?pneumonia" is a query of pneumonia; a "?" not touching a following word ends a question.
      if (/[a-z]/i.test(text[start + 1] ?? '')) { tokens.push(tok(raw, start, 'punct', sentence)); continue; }
      sentence++;
      continue;
    }
    if (SENTENCE_END.has(raw)) { sentence++; continue; }
    const kind = /^\d/.test(raw) ? 'num' : /^[\u3400-\u9fff]/u.test(raw) ? 'han'
      : raw.length === 1 && !/[\p{L}\p{N}]/u.test(raw) ? 'punct' : 'word';
    tokens.push(tok(raw, start, kind, sentence));
  }
  return tokens;
}

function tok(text: string, start: number, kind: Token['kind'], sentence: number): Token {
  return { text, lower: text.toLowerCase(), start, end: start + text.length, kind, sentence };
}
