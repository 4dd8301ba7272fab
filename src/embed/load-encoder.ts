// Loads the shipped model and the finding vectors (from cache when it matches), logging progress for a first start.
import path from 'node:path';
import type { KnowledgeBase } from '../knowledge/types.ts';
import type { Logger } from '../logger.ts';
import type { Encoder } from '../pipeline/run.ts';
import { buildFindingVectors } from './finding-vectors.ts';
import { createTransformersEmbedder } from './transformers.ts';

export async function loadEncoder(opts: { modelsDir: string; modelId: string; cacheDir?: string }, kb: KnowledgeBase, logger: Logger): Promise<Encoder> {
  const t0 = performance.now();
  const embedder = await createTransformersEmbedder(opts.modelsDir, opts.modelId);
  let last = 0;
  const vectors = await buildFindingVectors(kb, embedder, opts.cacheDir && path.join(opts.cacheDir, 'cache'), (done, total) => {
    if (done === total || performance.now() - last > 2000) { last = performance.now(); logger.info('embedding knowledge-base phrases', { done, total }); }
  });
  logger.info('encoder ready', { model: embedder.id, phrases: vectors.phrases.length, ms: Math.round(performance.now() - t0) });
  return { embedder, vectors, threshold: kb.engine.encoderThreshold, unknownWordsOnly: kb.engine.encoderUnknownWordsOnly };
}
