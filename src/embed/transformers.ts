// The shipped phrase encoder run by transformers.js from models/, with remote loading switched off (nothing is ever downloaded).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Embedder } from './embedder.ts';

export async function createTransformersEmbedder(modelsDir: string, modelId: string): Promise<Embedder> {
  const { env, pipeline } = await import('@xenova/transformers');
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = modelsDir.endsWith(path.sep) ? modelsDir : modelsDir + path.sep;
  env.useBrowserCache = false;
  env.useFSCache = false;
  const weights = path.join(modelsDir, modelId, 'onnx', 'model.onnx');
  const sha = createHash('sha256').update(readFileSync(weights)).digest('hex').slice(0, 12);
  const extractor = await pipeline('feature-extraction', modelId, { quantized: false });
  return {
    id: `${modelId}@${sha}`,
    async embed(texts) {
      if (!texts.length) return [];
      const out = await extractor(texts, { pooling: 'mean', normalize: true });
      const [n, dim] = out.dims as [number, number];
      const data = out.data as Float32Array;
      return Array.from({ length: n }, (_, i) => data.slice(i * dim, (i + 1) * dim));
    },
  };
}
