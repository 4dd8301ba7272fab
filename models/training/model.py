"""A small BERT-style encoder in plain PyTorch (written for this project). Post-LayerNorm transformer layers as in BERT,
so the exported graph has BERT's inputs (input_ids, attention_mask, token_type_ids) and output (last_hidden_state).

During training the word-embedding matrix is factorised as  E = G @ P + D :  G holds fixed 100-d GloVe vectors (zero rows
for tokens without one), P (100 x hidden) and D (vocab x hidden) are learned. Words never seen in training therefore
still land near their GloVe neighbours. At export E is computed once and stored as an ordinary embedding table.
"""
import math
import torch
import torch.nn as nn
import torch.nn.functional as F


class Layer(nn.Module):
    def __init__(self, h, heads, inter, drop):
        super().__init__()
        self.heads = heads
        self.q = nn.Linear(h, h); self.k = nn.Linear(h, h); self.v = nn.Linear(h, h)
        self.o = nn.Linear(h, h)
        self.ln1 = nn.LayerNorm(h, eps=1e-12)
        self.f1 = nn.Linear(h, inter); self.f2 = nn.Linear(inter, h)
        self.ln2 = nn.LayerNorm(h, eps=1e-12)
        self.drop = nn.Dropout(drop)

    def forward(self, x, bias):
        B, L, H = x.shape
        d = H // self.heads

        def split(t):
            return t.view(B, L, self.heads, d).transpose(1, 2)
        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        att = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(d) + bias
        att = self.drop(torch.softmax(att, dim=-1))
        ctx = torch.matmul(att, v).transpose(1, 2).reshape(B, L, H)
        x = self.ln1(x + self.drop(self.o(ctx)))
        x = self.ln2(x + self.drop(self.f2(F.gelu(self.f1(x)))))
        return x


class Encoder(nn.Module):
    def __init__(self, vocab_size, hidden=192, layers=3, heads=4, inter=None, max_pos=64, drop=0.1, glove=None):
        super().__init__()
        inter = inter or 4 * hidden
        self.cfg = dict(vocab_size=vocab_size, hidden=hidden, layers=layers, heads=heads, inter=inter, max_pos=max_pos)
        if glove is not None:
            self.register_buffer("glove", glove)           # vocab x 100, fixed
            self.proj = nn.Linear(glove.shape[1], hidden, bias=False)
            nn.init.normal_(self.proj.weight, std=0.1 / math.sqrt(glove.shape[1]))
            has = (glove.abs().sum(1) > 0).float().unsqueeze(1)
            self.delta = nn.Parameter(torch.randn(vocab_size, hidden) * 0.02 * (1 - has))
        else:
            self.glove = None
            self.delta = nn.Parameter(torch.randn(vocab_size, hidden) * 0.02)
        self.pos = nn.Embedding(max_pos, hidden)
        self.typ = nn.Embedding(2, hidden)
        nn.init.normal_(self.pos.weight, std=0.02); nn.init.normal_(self.typ.weight, std=0.02)
        self.ln = nn.LayerNorm(hidden, eps=1e-12)
        self.drop = nn.Dropout(drop)
        self.layers = nn.ModuleList([Layer(hidden, heads, inter, drop) for _ in range(layers)])

    def word_matrix(self):
        if self.glove is not None:
            return self.glove @ self.proj.weight.t() + self.delta
        return self.delta

    def forward(self, input_ids, attention_mask, token_type_ids=None, word_matrix=None):
        W = self.word_matrix() if word_matrix is None else word_matrix
        L = input_ids.shape[1]
        pos = torch.arange(L, device=input_ids.device).unsqueeze(0)
        if token_type_ids is None:
            token_type_ids = torch.zeros_like(input_ids)
        x = F.embedding(input_ids, W) + self.pos(pos) + self.typ(token_type_ids)
        x = self.drop(self.ln(x))
        bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0
        for layer in self.layers:
            x = layer(x, bias)
        return x


def mean_pool(h, mask):
    m = mask.unsqueeze(-1).to(h.dtype)
    return (h * m).sum(1) / m.sum(1).clamp(min=1e-9)


class ExportWrapper(nn.Module):
    """Inference graph with the embedding table materialised: inputs and output named as BERT's."""

    def __init__(self, enc):
        super().__init__()
        self.enc = enc
        self.word = nn.Parameter(enc.word_matrix().detach().clone())

    def forward(self, input_ids, attention_mask, token_type_ids):
        return self.enc(input_ids, attention_mask, token_type_ids, word_matrix=self.word)
