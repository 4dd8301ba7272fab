"""WordPiece tokenizer for the phrase encoder, written for this project.

It mirrors what transformers.js does with an HF `tokenizer.json` of this shape: BertNormalizer (clean text, CJK spacing,
lowercase, strip accents), BertPreTokenizer (split on whitespace and punctuation), WordPiece (greedy longest match, "##"
continuation prefix, [UNK] for a word that cannot be covered), then [CLS] ... [SEP].
The vocabulary is built here from the training phrases plus frequent English words.
"""
import json, re, unicodedata
from collections import Counter

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
PAD, UNK, CLS, SEP, MASK = range(5)


def _is_punct(ch):
    cp = ord(ch)
    if 0x21 <= cp <= 0x2F or 0x3A <= cp <= 0x40 or 0x5B <= cp <= 0x60 or 0x7B <= cp <= 0x7E:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp):
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F
            or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def normalize(text):
    out = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD:
            continue
        if ch in "\t\n\r" or ch.isspace():
            out.append(" ")
            continue
        if unicodedata.category(ch).startswith("C"):
            continue
        if _is_cjk(cp):
            out.append(" " + ch + " ")
        else:
            out.append(ch)
    text = "".join(out).lower()
    text = unicodedata.normalize("NFD", text)
    return re.sub("[\u0300-\u036f]", "", text)


def pre_tokenize(text):
    words, cur = [], []
    for ch in text:
        if ch.isspace():
            if cur:
                words.append("".join(cur)); cur = []
        elif _is_punct(ch):
            if cur:
                words.append("".join(cur)); cur = []
            words.append(ch)
        else:
            cur.append(ch)
    if cur:
        words.append("".join(cur))
    return words


class WordPiece:
    def __init__(self, vocab):
        self.vocab = list(vocab)
        self.ids = {t: i for i, t in enumerate(self.vocab)}
        self.cache = {}

    def word_ids(self, word):
        r = self.cache.get(word)
        if r is not None:
            return r
        if len(word) > 100:
            return [UNK]
        out, start = [], 0
        while start < len(word):
            end = len(word)
            cur = None
            while start < end:
                sub = word[start:end]
                if start > 0:
                    sub = "##" + sub
                if sub in self.ids:
                    cur = self.ids[sub]
                    break
                end -= 1
            if cur is None:
                out = [UNK]
                break
            out.append(cur)
            start = end
        if len(self.cache) < 500000:
            self.cache[word] = out
        return out

    def encode(self, text, max_len=64):
        ids = [CLS]
        for w in pre_tokenize(normalize(text)):
            ids.extend(self.word_ids(w))
        ids = ids[: max_len - 1] + [SEP]
        return ids

    def tokens(self, text):
        return [self.vocab[i] for i in self.encode(text)]


def build_vocab(corpus_counts, extra_words, size, n_pieces=3000):
    """corpus_counts: Counter of pre-tokenized words in the training phrases; extra_words: frequent English words
    (frequency order). Returns a list of tokens: specials, characters, frequent sub-word pieces, whole words."""
    chars = set()
    for w in list(corpus_counts) + list(extra_words):
        chars.update(w)
    chars = sorted(c for c in chars if not c.isspace())
    vocab = list(SPECIALS)
    seen = set(vocab)

    def add(t):
        if t not in seen:
            seen.add(t); vocab.append(t)
    for c in chars:
        add(c)
    for c in chars:
        add("##" + c)
    # sub-word pieces: frequent word-initial prefixes and word-internal/final pieces
    piece_counts = Counter()
    weights = Counter()
    for w, n in corpus_counts.items():
        weights[w] += min(n, 50)
    for w in extra_words[:30000]:
        weights[w] += 1
    for w, n in weights.items():
        if len(w) < 3 or not w.isalpha():
            continue
        for L in range(2, min(7, len(w))):
            piece_counts[w[:L]] += n * (L - 1)
        for i in range(1, len(w)):
            for L in range(1, min(6, len(w) - i + 1)):
                if L == 1:
                    continue
                piece_counts["##" + w[i:i + L]] += n * (L - 1)
    for p, _ in piece_counts.most_common(n_pieces):
        add(p)
    # whole words: corpus words first (by count), then frequent English words
    for w, n in corpus_counts.most_common():
        if len(vocab) >= size:
            break
        if n >= 2 or w.isalpha():
            add(w)
    for w in extra_words:
        if len(vocab) >= size:
            break
        add(w)
    return vocab


def tokenizer_json(vocab, max_len):
    added = [{"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False, "normalized": False,
              "special": True} for i, t in enumerate(SPECIALS)]
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
            "special_tokens": {"[CLS]": {"id": "[CLS]", "ids": [CLS], "tokens": ["[CLS]"]},
                               "[SEP]": {"id": "[SEP]", "ids": [SEP], "tokens": ["[SEP]"]}},
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": {t: i for i, t in enumerate(vocab)}},
    }


def tokenizer_config(max_len):
    return {"tokenizer_class": "BertTokenizer", "do_lower_case": True, "model_max_length": max_len,
            "cls_token": "[CLS]", "sep_token": "[SEP]", "pad_token": "[PAD]", "unk_token": "[UNK]",
            "mask_token": "[MASK]", "clean_up_tokenization_spaces": True, "strip_accents": None,
            "tokenize_chinese_chars": True}
