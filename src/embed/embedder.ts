// What the pipeline needs from a text encoder: an id for provenance and unit-length vectors for phrases.
export interface Embedder {
  /** Names the model and its weights (recorded in every opinion and in the embedding cache key). */
  readonly id: string;
  embed(texts: string[]): Promise<Float32Array[]>;
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
