"""Contrastive training of the barefoot phrase encoder (run by hand; never in CI or at install).

  /usr/bin/python3 models/training/build_data.py --out /tmp/pe/data.json
  /usr/bin/python3 models/training/train.py --data /tmp/pe/data.json --work /tmp/pe/run   (defaults = the shipped v2 run)
  /usr/bin/python3 models/training/export.py --work /tmp/pe/run --out models/phrase-encoder

Objective: in-batch-negative InfoNCE (symmetric, temperature 0.05) between an anchor phrase (a synonym, lay phrase or a
synthetic variant: typo, inflection, reordering, filler words, abbreviation, spelling variant) and the canonical label
(or another phrase) of the same concept. Batches mix knowledge-base findings with near neighbours (hard negatives) and
Symptom Ontology / ICD-10-CM / Disease Ontology concepts. Held-out knowledge-base phrases are never trained on; they are
used for the retrieval check (top-1 label among all knowledge-base labels).
"""
import argparse, json, math, os, random, re, sys, time
from collections import Counter, defaultdict

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wordpiece import WordPiece, build_vocab, pre_tokenize, normalize, PAD  # noqa: E402
from model import Encoder, mean_pool  # noqa: E402

STOP = {"of", "the", "in", "a", "an", "my", "on", "at", "to", "and", "is", "with"}
KEYS = "qwertyuiop asdfghjkl zxcvbnm"


def neighbours_on_keyboard(c):
    rows = KEYS.split()
    for r in rows:
        i = r.find(c)
        if i >= 0:
            return [r[j] for j in (i - 1, i + 1) if 0 <= j < len(r)]
    return []


class Augmenter:
    def __init__(self, rng, abbreviations, fillers):
        self.r = rng
        self.abbr = [(k, v) for k, v in abbreviations.items()]
        self.fillers = fillers

    def typo(self, s, n=1):
        words = s.split()
        cand = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
        if not cand:
            return s
        for _ in range(n):
            i = self.r.choice(cand)
            w = words[i]
            j = self.r.randrange(1, len(w))  # keep the first letter most of the time, like real typos
            op = self.r.random()
            if op < 0.3:
                w = w[:j] + w[j + 1:]
            elif op < 0.5 and j < len(w) - 1:
                w = w[:j] + w[j + 1] + w[j] + w[j + 2:]
            elif op < 0.75:
                nb = neighbours_on_keyboard(w[j]) or list("aeiou")
                w = w[:j] + self.r.choice(nb) + w[j + 1:]
            elif op < 0.9:
                w = w[:j] + w[j] + w[j:]
            else:
                w = w[:j] + self.r.choice("aeiourstln") + w[j:]
            words[i] = w
        return " ".join(words)

    def inflect(self, s):
        words = s.split()
        cand = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
        if not cand:
            return s
        i = self.r.choice(cand)
        w = words[i]
        if w.endswith("ing"):
            w = self.r.choice([w[:-3], w[:-3] + "s", w[:-3] + "ed"])
        elif w.endswith("ed"):
            w = self.r.choice([w[:-2], w[:-2] + "ing"])
        elif w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        else:
            w = w + self.r.choice(["s", "ing", "ed", "y"])
        words[i] = w
        return " ".join(words)

    def reorder(self, s):
        words = s.split()
        if len(words) < 2:
            return s
        if " of " in s and self.r.random() < 0.5:
            a, b = s.split(" of ", 1)
            return b + " " + a
        if len(words) <= 4:
            k = self.r.randrange(1, len(words))
            return " ".join(words[k:] + words[:k])
        i = self.r.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
        return " ".join(words)

    def filler(self, s):
        f = self.r.choice(self.fillers)
        return (f + " " + s) if self.r.random() < 0.7 else (s + " " + f)

    def abbreviate(self, s):
        self.r.shuffle(self.abbr)
        for full, shorts in self.abbr:
            if re.search(r"\b" + re.escape(full) + r"\b", s):
                return re.sub(r"\b" + re.escape(full) + r"\b", self.r.choice(shorts), s, count=1)
            for sh in shorts:
                if re.search(r"(^|\s)" + re.escape(sh) + r"($|\s)", s):
                    return re.sub(r"(^|\s)" + re.escape(sh) + r"($|\s)", r"\g<1>" + full + r"\g<2>", s, count=1)
        return s

    def drop_stop(self, s):
        words = s.split()
        kept = [w for w in words if w not in STOP or self.r.random() < 0.3]
        return " ".join(kept) if kept else s

    def spelling(self, s):
        pairs = [("oe", "e"), ("ae", "e"), ("our", "or"), ("ise", "ize"), ("ph", "f"), ("ll", "l"), ("tt", "t")]
        self.r.shuffle(pairs)
        for a, b in pairs:
            if a in s:
                return s.replace(a, b, 1)
        return s

    def punct(self, s):
        op = self.r.random()
        if op < 0.4:
            return s + self.r.choice([".", "!", "?", ","])
        if op < 0.7:
            return s.replace(" ", "-", 1) if " " in s else s
        return s.upper() if self.r.random() < 0.5 else s.capitalize()

    def __call__(self, s, force=False):
        out = s
        r = self.r.random
        applied = False
        if r() < 0.15: out = self.abbreviate(out); applied = True
        if r() < 0.12: out = self.spelling(out); applied = True
        if r() < 0.15: out = self.inflect(out); applied = True
        if r() < 0.12: out = self.reorder(out); applied = True
        if r() < 0.10: out = self.drop_stop(out); applied = True
        if r() < 0.35: out = self.typo(out, 1 if r() < 0.8 else 2); applied = True
        if r() < 0.20: out = self.filler(out); applied = True
        if r() < 0.08: out = self.punct(out); applied = True
        if force and (not applied or out == s):
            out = self.typo(s) if r() < 0.7 else self.inflect(s)
        return out


def content_words(s):
    return {w for w in re.findall(r"[a-z]+", s) if w not in STOP and len(w) > 2}


def load_data(path):
    d = json.load(open(path))
    return d


def encode_batch(tok, texts, max_len):
    ids = [tok.encode(t, max_len) for t in texts]
    L = max(len(x) for x in ids)
    arr = np.full((len(ids), L), PAD, dtype=np.int64)
    mask = np.zeros((len(ids), L), dtype=np.int64)
    for i, x in enumerate(ids):
        arr[i, :len(x)] = x
        mask[i, :len(x)] = 1
    return torch.from_numpy(arr), torch.from_numpy(mask)


@torch.no_grad()
def embed(model, tok, texts, max_len=32, bs=256):
    model.eval()
    W = model.word_matrix()
    out = []
    for i in range(0, len(texts), bs):
        ids, mask = encode_batch(tok, texts[i:i + bs], max_len)
        h = model(ids, mask, word_matrix=W)
        out.append(F.normalize(mean_pool(h, mask), dim=-1))
    model.train()
    return torch.cat(out)


def make_eval_sets(concepts, seed, abbreviations, fillers):
    """Held-out phrases (never trained on), the same with one synthetic typo, and typo'd training phrases."""
    rng = random.Random(seed + 1000)
    aug = Augmenter(rng, abbreviations, fillers)
    kb = [c for c in concepts if c["source"] == "kb"]
    held = [(p, c["id"]) for c in kb for p in c["heldout"]]
    held_typo = [(aug.typo(p), cid) for p, cid in held]
    train_typo = []
    for c in kb:
        for p in [c["label"]] + c["phrases"]:
            if rng.random() < 0.25:
                q = aug.typo(p)
                if q != p:
                    train_typo.append((q, c["id"]))
    return {"heldout": held, "heldout_typo": held_typo, "train_typo": train_typo}


def char_ngram_baseline(queries, labels):
    def grams(s):
        s = " " + normalize(s) + " "
        return Counter(s[i:i + 3] for i in range(len(s) - 2))

    def cos(a, b):
        num = sum(v * b.get(k, 0) for k, v in a.items())
        return num / (math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values())) + 1e-9)
    lg = [grams(l) for l in labels]
    preds = []
    for q in queries:
        g = grams(q)
        preds.append(max(range(len(labels)), key=lambda i: cos(g, lg[i])))
    return preds


def evaluate(model, tok, concepts, eval_sets, max_len):
    kb = [c for c in concepts if c["source"] == "kb"]
    labels = [c["label"] for c in kb]
    idx = {c["id"]: i for i, c in enumerate(kb)}
    L = embed(model, tok, labels, max_len)
    # phrase index: labels + training phrases (what a server that embeds every KB phrase would compare against)
    ph, ph_c = [], []
    for i, c in enumerate(kb):
        for p in [c["label"]] + c["phrases"]:
            ph.append(p); ph_c.append(i)
    P = embed(model, tok, ph, max_len)
    ph_c = torch.tensor(ph_c)
    res = {}
    for name, items in eval_sets.items():
        if not items:
            continue
        Q = embed(model, tok, [q for q, _ in items], max_len)
        gold = torch.tensor([idx[c] for _, c in items])
        s = Q @ L.t()
        top = s.topk(min(5, len(labels)), dim=1).indices
        res[name + "_top1_label"] = round((top[:, 0] == gold).float().mean().item(), 4)
        res[name + "_top5_label"] = round((top == gold[:, None]).any(1).float().mean().item(), 4)
        sp = Q @ P.t()
        # best phrase per concept
        best = torch.full((len(items), len(kb)), -2.0)
        best = best.scatter_reduce(1, ph_c.expand(len(items), -1), sp, reduce="amax")
        res[name + "_top1_anyphrase"] = round((best.argmax(1) == gold).float().mean().item(), 4)
        res[name + "_n"] = len(items)
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="/tmp/pe/data.json")
    ap.add_argument("--work", default="/tmp/pe/run")
    ap.add_argument("--glove", default="/tmp/pe/glove.npz", help="npz from extract_glove.py; '' to train without")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--minutes", type=float, default=33)
    ap.add_argument("--max-steps", type=int, default=1000000)
    ap.add_argument("--batch", type=int, default=96)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--temp", type=float, default=0.05)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--layers", type=int, default=3)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--vocab", type=int, default=16000)
    ap.add_argument("--max-len", type=int, default=16)
    ap.add_argument("--eval-every", type=int, default=400)
    ap.add_argument("--threads", type=int, default=1, help="1 is much faster than 2 when other processes share the cores")
    ap.add_argument("--warmup", type=int, default=100)
    ap.add_argument("--eval-only", action="store_true", help="with --init: score a checkpoint on --data and stop")
    ap.add_argument("--baseline", type=int, default=0, help="1: also score a character-trigram baseline (slow)")
    ap.add_argument("--mix", default="kb:0.6,icd:0.2,symp:0.1,do:0.1")
    ap.add_argument("--init", default="", help="checkpoint to continue from (same vocab)")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    random.seed(args.seed); np.random.seed(args.seed); torch.manual_seed(args.seed)
    os.makedirs(args.work, exist_ok=True)
    data = load_data(args.data)
    concepts = data["concepts"]
    print("concepts", Counter(c["source"] for c in concepts), flush=True)

    # vocabulary
    if args.init:
        ck = torch.load(args.init)
        vocab = ck["vocab"]
    else:
        counts = Counter()
        for c in concepts:
            w = 5 if c["source"] == "kb" else 1
            for p in [c["label"]] + c["phrases"]:
                for t in pre_tokenize(normalize(p)):
                    counts[t] += w
        for f in data.get("fillers", []):
            for t in pre_tokenize(normalize(f)):
                counts[t] += 1
        extra = []
        if args.glove:
            g = np.load(args.glove)
            extra = [str(w) for w in g["words"][:40000]]
        vocab = build_vocab(counts, extra, args.vocab)
    tok = WordPiece(vocab)
    print("vocab", len(vocab), flush=True)

    glove_mat = None
    if args.glove:
        g = np.load(args.glove)
        gwords, gvecs = g["words"], g["vecs"]
        gi = {str(w): i for i, w in enumerate(gwords)}
        gm = np.zeros((len(vocab), gvecs.shape[1]), dtype=np.float32)
        hit = 0
        for i, t in enumerate(vocab):
            j = gi.get(t)
            if j is not None and len(t) > 1:
                gm[i] = gvecs[j]; hit += 1
        gm /= (np.linalg.norm(gm, axis=1, keepdims=True).mean() + 1e-9)  # average norm ~1
        glove_mat = torch.from_numpy(gm)
        print("glove rows", hit, flush=True)
    if args.init:  # the checkpoint decides the shape
        args.hidden, args.layers, args.heads = ck["cfg"]["hidden"], ck["cfg"]["layers"], ck["cfg"]["heads"]
        if "glove" in ck["state"]:
            glove_mat = ck["state"]["glove"]
    model = Encoder(len(vocab), args.hidden, args.layers, args.heads, max_pos=64, glove=glove_mat)
    if args.init:
        model.load_state_dict(ck["state"])
    n_params = sum(p.numel() for p in model.parameters())
    print("params", n_params, flush=True)

    # sampling structures
    by_src = defaultdict(list)
    for i, c in enumerate(concepts):
        by_src[c["source"]].append(i)
    mix = [(kv.split(":")[0], float(kv.split(":")[1])) for kv in args.mix.split(",")]
    mix = [(s, w) for s, w in mix if by_src[s]]
    kbi = by_src["kb"]
    cw = {i: content_words(concepts[i]["label"] + " " + concepts[i]["id"][3:].replace("-", " ")) for i in kbi}
    nbrs = {i: [j for j in kbi if j != i and cw[i] & cw[j]] for i in kbi}
    rng = random.Random(args.seed)
    aug = Augmenter(rng, data.get("abbreviations", {}), data.get("fillers", []) or ["i have"])
    eval_sets = make_eval_sets(concepts, args.seed, data.get("abbreviations", {}), data.get("fillers", []) or ["i have"])

    if args.eval_only:
        print("eval-only", json.dumps(evaluate(model, tok, concepts, eval_sets, args.max_len)), flush=True)
        return

    # baseline figure for context
    kbc = [concepts[i] for i in kbi]
    lab = [c["label"] for c in kbc]
    idx = {c["id"]: k for k, c in enumerate(kbc)}
    base = {}
    for name, items in eval_sets.items():
        if items and args.baseline:
            pr = char_ngram_baseline([q for q, _ in items], lab)
            base[name + "_top1_label"] = round(sum(p == idx[c] for p, (_, c) in zip(pr, items)) / len(items), 4)
    print("char-trigram baseline", base, flush=True)

    def sample_batch(B):
        chosen, seen = [], set()
        while len(chosen) < B:
            s = rng.choices([m[0] for m in mix], [m[1] for m in mix])[0]
            i = rng.choice(by_src[s])
            if i in seen:
                continue
            chosen.append(i); seen.add(i)
            if s == "kb" and nbrs[i] and rng.random() < 0.5 and len(chosen) < B:
                j = rng.choice(nbrs[i])
                if j not in seen:
                    chosen.append(j); seen.add(j)
        anchors, positives = [], []
        for i in chosen:
            c = concepts[i]
            pool = [c["label"]] + c["phrases"]
            if len(pool) == 1:
                a = aug(c["label"], force=True); p = c["label"]
            else:
                a = c["label"] if rng.random() < 0.15 else rng.choice(c["phrases"])
                if rng.random() < 0.7 or a == c["label"]:
                    p = c["label"] if a != c["label"] else rng.choice(c["phrases"])
                else:
                    p = rng.choice([x for x in pool if x != a])
                a = aug(a, force=(rng.random() < 0.3))
            if rng.random() < 0.5:
                a, p = p, a  # symmetric use: either side can be the clean one
            anchors.append(a); positives.append(p)
        return anchors, positives, torch.tensor(chosen)

    decay, no_decay = [], []
    for n, p in model.named_parameters():
        (no_decay if p.ndim < 2 or "ln" in n or n == "delta" else decay).append(p)
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=args.lr)
    est_steps = args.max_steps
    warm = args.warmup
    t0 = time.time()
    deadline = t0 + args.minutes * 60
    best, best_score, log = None, -1, []
    step = 0
    model.train()
    while step < args.max_steps and time.time() < deadline:
        # linear warm-up then cosine decay over the time budget
        frac = min(1.0, (time.time() - t0) / (args.minutes * 60))
        lr = args.lr * min(1.0, (step + 1) / warm) * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * frac)))
        for gr in opt.param_groups:
            gr["lr"] = lr
        A, P, cid = sample_batch(args.batch)
        ids, mask = encode_batch(tok, A + P, args.max_len)
        h = model(ids, mask)
        e = F.normalize(mean_pool(h, mask), dim=-1)
        ea, ep = e[:len(A)], e[len(A):]
        logits = ea @ ep.t() / args.temp
        same = (cid[:, None] == cid[None, :]) & ~torch.eye(len(A), dtype=torch.bool)
        logits = logits.masked_fill(same, -1e4)
        tgt = torch.arange(len(A))
        loss = (F.cross_entropy(logits, tgt) + F.cross_entropy(logits.t(), tgt)) / 2
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        if step % 50 == 0:
            print(f"step {step} loss {loss.item():.4f} lr {lr:.2e} {time.time() - t0:.0f}s", flush=True)
        if step % args.eval_every == 0 or time.time() >= deadline:
            r = evaluate(model, tok, concepts, eval_sets, args.max_len)
            r["step"] = step; r["elapsed_s"] = round(time.time() - t0)
            score = r.get("heldout_top1_label", 0) + r.get("heldout_typo_top1_label", 0) + 0.5 * r.get("train_typo_top1_label", 0)
            print("eval", json.dumps(r), flush=True)
            log.append(r)
            if score > best_score:
                best_score = score
                best = {"state": {k: v.clone() for k, v in model.state_dict().items()}, "eval": r}
    r = evaluate(model, tok, concepts, eval_sets, args.max_len)
    r["step"] = step; r["elapsed_s"] = round(time.time() - t0)
    log.append(r)
    score = r.get("heldout_top1_label", 0) + r.get("heldout_typo_top1_label", 0) + 0.5 * r.get("train_typo_top1_label", 0)
    if score >= best_score:
        best = {"state": model.state_dict(), "eval": r}
    print("final", json.dumps(r), flush=True)
    print("best", json.dumps(best["eval"]), flush=True)
    ck = {"state": best["state"], "vocab": vocab, "cfg": model.cfg, "eval": best["eval"], "baseline": base,
          "log": log, "args": vars(args), "steps": step, "train_seconds": round(time.time() - t0),
          "data_stats": data.get("stats", {}), "params": n_params, "glove": glove_mat is not None}
    torch.save(ck, os.path.join(args.work, "checkpoint.pt"))
    json.dump({k: v for k, v in ck.items() if k not in ("state", "vocab")},
              open(os.path.join(args.work, "summary.json"), "w"), indent=1)
    print("saved", os.path.join(args.work, "checkpoint.pt"), flush=True)


if __name__ == "__main__":
    main()
