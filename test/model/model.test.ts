import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ROOT } from '../../src/config.ts';
import { cosine } from '../../src/embed/embedder.ts';
import { createTransformersEmbedder } from '../../src/embed/transformers.ts';

describe('the shipped phrase encoder', () => {
  // Any attempt to reach the network fails the test: the model must load from models/ alone.
  const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => { throw new Error('network access attempted'); });
  afterAll(() => fetchSpy.mockRestore());

  it('loads offline from models/ and embeds phrases so that paraphrases are nearer than unrelated findings', async () => {
    const embedder = await createTransformersEmbedder(path.join(ROOT, 'models'), 'phrase-encoder');
    expect(embedder.id).toMatch(/^phrase-encoder@[0-9a-f]{12}$/);
    const [sob, breathless, rash, headache] = await embedder.embed(['shortness of breath', 'breathless', 'skin rash', 'headache']);
    expect(sob.length).toBeGreaterThan(16);
    expect(cosine(sob, sob)).toBeCloseTo(1, 4);
    expect(cosine(sob, breathless)).toBeGreaterThan(cosine(sob, rash));
    expect(cosine(sob, breathless)).toBeGreaterThan(cosine(sob, headache));
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
