"""Export a trained checkpoint to the transformers.js layout (run by hand).

  /usr/bin/python3 models/training/export.py --work /tmp/pe/run --out models/phrase-encoder

Writes <out>/config.json, tokenizer.json, tokenizer_config.json, special_tokens_map.json, onnx/model.onnx (fp32, opset 14,
inputs input_ids / attention_mask / token_type_ids int64, output last_hidden_state) and
models/training/reference.json (PyTorch mean-pooled, normalised embeddings of check phrases, for check-load.mjs)
and models/training/last-run.json (training summary and held-out figures).
"""
import argparse, json, os, sys
import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from wordpiece import WordPiece, tokenizer_json, tokenizer_config, SPECIALS  # noqa: E402
from model import Encoder, ExportWrapper, mean_pool  # noqa: E402

CHECK = ["shortness of breath", "sob", "cant breathe", "breathless", "can't catch my breath", "headache", "rash",
         "abdominal pain", "tummy hurts", "coughing up blood", "cough", "fever", "feverr", "diarrhoea", "vomitting",
         "chest pain radiating to left arm", "Pain in the RIGHT lower belly!"]
MAX_LEN = 64


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", default="/tmp/pe/run")
    ap.add_argument("--out", default=os.path.join(HERE, "..", "phrase-encoder"))
    args = ap.parse_args()
    torch.set_num_threads(2)
    ck = torch.load(os.path.join(args.work, "checkpoint.pt"))
    vocab, cfg = ck["vocab"], ck["cfg"]
    glove = torch.zeros(len(vocab), ck["state"]["glove"].shape[1]) if "glove" in ck["state"] else None
    enc = Encoder(cfg["vocab_size"], cfg["hidden"], cfg["layers"], cfg["heads"], cfg["inter"], cfg["max_pos"], glove=glove)
    enc.load_state_dict(ck["state"])
    enc.eval()
    wrap = ExportWrapper(enc).eval()
    out = os.path.abspath(args.out)
    os.makedirs(os.path.join(out, "onnx"), exist_ok=True)
    tok = WordPiece(vocab)
    ids = torch.tensor([tok.encode("shortness of breath on exertion")])
    mask = torch.ones_like(ids)
    tt = torch.zeros_like(ids)
    path = os.path.join(out, "onnx", "model.onnx")
    with torch.no_grad():
        torch.onnx.export(wrap, (ids, mask, tt), path, input_names=["input_ids", "attention_mask", "token_type_ids"],
                          output_names=["last_hidden_state"],
                          dynamic_axes={"input_ids": {0: "batch_size", 1: "sequence_length"},
                                        "attention_mask": {0: "batch_size", 1: "sequence_length"},
                                        "token_type_ids": {0: "batch_size", 1: "sequence_length"},
                                        "last_hidden_state": {0: "batch_size", 1: "sequence_length"}},
                          opset_version=14, do_constant_folding=True)
    import onnx
    m = onnx.load(path)
    onnx.checker.check_model(m)
    config = {
        "_name_or_path": "barefoot/phrase-encoder", "model_type": "bert", "architectures": ["BertModel"],
        "vocab_size": len(vocab), "hidden_size": cfg["hidden"], "num_hidden_layers": cfg["layers"],
        "num_attention_heads": cfg["heads"], "intermediate_size": cfg["inter"], "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1, "max_position_embeddings": cfg["max_pos"],
        "type_vocab_size": 2, "initializer_range": 0.02, "layer_norm_eps": 1e-12, "pad_token_id": 0,
        "position_embedding_type": "absolute", "torch_dtype": "float32", "transformers_version": "4.36.0",
    }
    json.dump(config, open(os.path.join(out, "config.json"), "w"), indent=2)
    json.dump(tokenizer_json(vocab, MAX_LEN), open(os.path.join(out, "tokenizer.json"), "w"), ensure_ascii=False)
    json.dump(tokenizer_config(MAX_LEN), open(os.path.join(out, "tokenizer_config.json"), "w"), indent=2)
    json.dump({"unk_token": "[UNK]", "sep_token": "[SEP]", "pad_token": "[PAD]", "cls_token": "[CLS]",
               "mask_token": "[MASK]"}, open(os.path.join(out, "special_tokens_map.json"), "w"), indent=2)
    # reference embeddings from PyTorch (one phrase at a time, as the server embeds them)
    ref = []
    with torch.no_grad():
        for p in CHECK:
            i = torch.tensor([tok.encode(p, MAX_LEN)])
            mk = torch.ones_like(i)
            h = wrap(i, mk, torch.zeros_like(i))
            e = F.normalize(mean_pool(h, mk), dim=-1)[0]
            ref.append({"text": p, "ids": i[0].tolist(), "embedding": [round(float(x), 7) for x in e]})
    json.dump({"phrases": ref}, open(os.path.join(HERE, "reference.json"), "w"))
    summ = {k: ck.get(k) for k in ("eval", "baseline", "args", "steps", "train_seconds", "data_stats", "params", "glove", "log")}
    json.dump(summ, open(os.path.join(HERE, "last-run.json"), "w"), indent=1)
    print("exported", path, os.path.getsize(path), "bytes; vocab", len(vocab))


if __name__ == "__main__":
    main()
