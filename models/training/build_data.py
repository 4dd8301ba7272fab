"""Build the phrase-encoder training data from the project's sources (run by hand, never in CI).

  /usr/bin/python3 models/training/build_data.py [--out /tmp/pe/data.json] [--seed 13]

Reads at run time:
  knowledge/findings/*.json                                  (this project; label/synonyms/lay/abbreviations, symp links)
  models/training/paraphrases.json                           (hand-written for this project)
  /work/shared/data/disease_ontology_cc0/symptom_ontology_terms.tsv   (Symptom Ontology, CC0)
  /work/shared/data/disease_ontology_cc0/HumanDO.tsv, ICD10inDO.tsv   (Human Disease Ontology, CC0)
  /work/shared/data/icd10cm_2025/ICD10CM_2025_Index.csv, _codes.csv    (ICD-10-CM 2025, US Government work)

Writes one JSON file (outside the repo by default) holding "concepts": each a set of phrases that mean the same thing,
with a canonical label, a source tag and, for knowledge-base concepts, the phrases held out for evaluation.
A phrase belongs to one concept only; priority kb > symp > icd > do.
"""
import argparse, csv, glob, hashlib, json, os, re, sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
SHARED = "/work/shared/data"


def norm(s):
    s = s.lower().replace("\u2019", "'").replace("\u2013", "-")
    s = re.sub(r"\s+", " ", s).strip()
    return s


def held_out(seed, cid, phrase, pct):
    h = hashlib.sha256(f"{seed}|{cid}|{phrase}".encode()).hexdigest()
    return int(h[:8], 16) % 100 < pct


def uninvert(term):
    """ICD index style 'Pain, abdominal' -> 'abdominal pain'; drops bracketed parts."""
    t = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", term)
    t = norm(t)
    parts = [p.strip() for p in t.split(",") if p.strip()]
    if len(parts) == 2 and len(parts[1].split()) <= 3:
        return norm(parts[1] + " " + parts[0])
    return norm(" ".join(parts))


PREP = ("due ", "with ", "without ", "in ", "of ", "from ", "following ", "by ", "after ", "during ", "on ", "to ",
        "at ", "complicating ", "affecting ", "involving ", "associated ", "resulting ", "for ")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="/tmp/pe/data.json")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--heldout-pct", type=int, default=15)
    args = ap.parse_args()

    concepts = {}   # cid -> dict
    owner = {}      # phrase -> cid
    stats = Counter()

    def add_phrase(cid, p):
        p = norm(p)
        if not p or len(p) > 80:
            return False
        if p in owner:
            return owner[p] == cid
        owner[p] = cid
        concepts[cid]["phrases"].append(p)
        return True

    def new_concept(cid, label, source):
        concepts[cid] = {"id": cid, "label": norm(label), "source": source, "phrases": [], "heldout": []}
        owner.setdefault(norm(label), cid)

    # 1. knowledge-base findings + hand-written paraphrases
    kb = {}
    for f in sorted(glob.glob(os.path.join(REPO, "knowledge", "findings", "*.json"))):
        try:
            data = json.load(open(f))
        except Exception as e:  # colleagues may be mid-write
            print(f"skip {f}: {e}", file=sys.stderr)
            continue
        items = data if isinstance(data, list) else data.get("findings", [])
        for it in items:
            if isinstance(it, dict) and it.get("id") and it.get("label"):
                kb[it["id"]] = it
    stats["kb_findings"] = len(kb)
    para = json.load(open(os.path.join(HERE, "paraphrases.json")))
    ids = list(kb) + [k for k in para["findings"] if k not in kb]
    # claim labels first so that a label is never swallowed as another finding's synonym
    for fid in ids:
        label = kb[fid]["label"] if fid in kb else para["findings"][fid]["label"]
        if norm(label) in owner:
            continue
        new_concept("kb:" + fid, label, "kb")
    for fid in ids:
        cid = "kb:" + fid
        if cid not in concepts:
            continue
        it = kb.get(fid, {})
        phr = []
        for key in ("synonyms", "lay", "abbreviations"):
            phr += [p for p in it.get(key, []) if isinstance(p, str)]
        phr += para["findings"].get(fid, {}).get("phrases", [])
        for p in phr:
            if norm(p) != concepts[cid]["label"]:
                add_phrase(cid, p)
        add_phrase(cid, fid.replace("-", " "))  # the id itself, de-kebabed (e.g. "cough productive")
        stats["kb_phrases"] += len(concepts[cid]["phrases"])
    kb_symp = defaultdict(list)
    for fid, it in kb.items():
        for s in it.get("symp", []) or []:
            kb_symp[s].append("kb:" + fid)

    # 2. Symptom Ontology (CC0)
    with open(os.path.join(SHARED, "disease_ontology_cc0", "symptom_ontology_terms.tsv")) as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            name = norm(row["name"])
            syns = [norm(re.sub(r"\s*\[[A-Z]+\]\s*$", "", s)) for s in (row.get("synonyms") or "").split("|") if s.strip()]
            target = None
            if row["id"] in kb_symp and len(kb_symp[row["id"]]) == 1:
                target = kb_symp[row["id"]][0]
            elif name in owner and owner[name].startswith("kb:"):
                target = owner[name]
            elif "kb:" + name.replace(" ", "-") in concepts:
                target = "kb:" + name.replace(" ", "-")
            if target:
                for p in [name] + syns:
                    if add_phrase(target, p):
                        stats["symp_merged_into_kb"] += 1
                continue
            if name in owner:
                continue
            cid = "symp:" + row["id"]
            new_concept(cid, name, "symp")
            for p in syns:
                add_phrase(cid, p)
            stats["symp_concepts"] += 1

    # 3. ICD-10-CM 2025: index terms sharing a code, "see" cross-references, code titles
    titles = {}
    with open(os.path.join(SHARED, "icd10cm_2025", "ICD10CM_2025_codes.csv")) as fh:
        for row in csv.DictReader(fh):
            titles[row["Code"]] = row["Description"]
    by_code = defaultdict(list)
    term_code = {}
    see = []
    parent = {}
    with open(os.path.join(SHARED, "icd10cm_2025", "ICD10CM_2025_Index.csv")) as fh:
        for row in csv.DictReader(fh):
            lvl = int(row["Level"] or 0)
            term = row["Term"]
            code = (row["Code"] or "").strip()
            if lvl == 0:
                parent[0] = term
                phrase = uninvert(term)
                if code:
                    by_code[code].append(phrase)
                    term_code[norm(term)] = code
                if row["See"]:
                    see.append((phrase, norm(row["See"])))
            elif lvl == 1 and code and 0 in parent:
                sub = norm(re.sub(r"\([^)]*\)", " ", term))
                head = uninvert(parent[0])
                if "see" in sub or "code" in sub or len(sub.split()) > 4 or not sub:
                    continue
                phrase = f"{head} {sub}" if sub.startswith(PREP) else f"{sub} {head}"
                by_code[code].append(norm(phrase))
    for phrase, target in see:
        code = term_code.get(target)
        if code:
            by_code[code].append(phrase)
    do_by_code = defaultdict(list)
    do_labels = {}
    with open(os.path.join(SHARED, "disease_ontology_cc0", "HumanDO.tsv")) as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            do_labels[row["id"].strip('"')] = norm(row["label"].strip('"'))
    with open(os.path.join(SHARED, "disease_ontology_cc0", "ICD10inDO.tsv")) as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            lab = norm(row["label"].strip('"'))
            for x in row["xrefs"].strip('"').split("|"):
                x = x.strip().strip('"')
                if x.startswith("ICD10CM:"):
                    do_by_code[x[8:]].append(lab)
    for code in sorted(set(by_code) | set(do_by_code)):
        if code not in titles:
            continue
        label = norm(titles[code])
        if label in owner:
            continue
        cid = "icd:" + code
        new_concept(cid, label, "icd")
        short = norm(re.sub(r",? ?unspecified|,? ?not elsewhere classified", "", label))
        for p in [short] + by_code.get(code, []) + do_by_code.get(code, []):
            if p != label:
                add_phrase(cid, p)
        stats["icd_concepts"] += 1
        stats["icd_phrases"] += len(concepts[cid]["phrases"])
    # drop ICD concepts with a single phrase only if they add nothing (keep them: labels help typo robustness)

    # 4. Disease Ontology labels not reached through ICD (label-only concepts, used with synthetic variation)
    for doid, lab in sorted(do_labels.items()):
        if lab in owner or len(lab) > 60:
            continue
        new_concept("do:" + doid, lab, "do")
        stats["do_concepts"] += 1

    # held-out split (knowledge-base concepts only; stable: hash of seed, id and phrase)
    for c in concepts.values():
        if c["source"] != "kb":
            continue
        keep, held = [], []
        for p in c["phrases"]:
            trivial = p == c["id"][3:].replace("-", " ")
            (held if not trivial and held_out(args.seed, c["id"], p, args.heldout_pct) else keep).append(p)
        if not keep and held:
            keep.append(held.pop())
        c["phrases"], c["heldout"] = keep, held
        stats["kb_heldout"] += len(held)

    out = {"seed": args.seed, "heldout_pct": args.heldout_pct, "stats": dict(stats),
           "abbreviations": para.get("abbreviations", {}), "fillers": para.get("fillers", []),
           "concepts": list(concepts.values())}
    src = Counter(c["source"] for c in concepts.values())
    out["stats"]["concepts_by_source"] = dict(src)
    out["stats"]["phrases_by_source"] = {s: sum(1 + len(c["phrases"]) for c in concepts.values() if c["source"] == s) for s in src}
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    json.dump(out, open(args.out, "w"))
    print(json.dumps(out["stats"], indent=1))


if __name__ == "__main__":
    main()
