import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFakeEmbedder } from '../../../src/embed/fake.ts';
import { buildFindingVectors } from '../../../src/embed/finding-vectors.ts';
import { buildTextIndex, parseNote } from '../../../src/pipeline/parse/note.ts';
import { encoderMentions } from '../../../src/pipeline/run.ts';
import { fakeEncoder, fixtureKb, tempDir } from '../../helpers.ts';

describe('encoder matching', () => {
  it('maps an unmatched phrase to the nearest finding above the threshold, marked as an encoder match', async () => {
    const kb = fixtureKb();
    const text = 'has loosestools';
    const note = parseNote(text, buildTextIndex(kb));
    expect(note.mentions).toEqual([]);
    const m = await encoderMentions(note, text, await fakeEncoder(kb, 0.6));
    expect(m).toEqual([expect.objectContaining({ findingId: 'diarrhoea', method: 'encoder', assertion: 'present', text: 'loosestools' })]);
    expect(m[0].score).toBeGreaterThan(0.6);
  });
  it('matches nothing below the threshold', async () => {
    const kb = fixtureKb();
    const text = 'wobbly tooth';
    const m = await encoderMentions(parseNote(text, buildTextIndex(kb)), text, await fakeEncoder(kb, 0.75));
    expect(m).toEqual([]);
  });
  it('computes finding vectors once and reads them from the cache after', async () => {
    const kb = fixtureKb();
    const dir = tempDir();
    let calls = 0;
    const fake = createFakeEmbedder();
    const counting = { id: fake.id, embed: async (t: string[]) => { calls += t.length; return fake.embed(t); } };
    const a = await buildFindingVectors(kb, counting, dir);
    const first = calls;
    const b = await buildFindingVectors(kb, counting, dir);
    expect(first).toBe(a.phrases.length);
    expect(calls).toBe(first);
    expect(b.vectors[3]).toEqual(a.vectors[3]);
    expect(readdirSync(dir).filter((f) => f.startsWith('finding-vectors-')).length).toBe(1);
    expect(path.isAbsolute(dir)).toBe(true);
  });
});
