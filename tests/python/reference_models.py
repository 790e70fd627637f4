#!/usr/bin/env python3
"""An independent PyTorch reference for MPO's model engine (Debian's python3-torch 1.13; no transformers).

  reference_models.py write --arch llama|qwen2|gpt2 --out DIR [--seed N]
      Writes a Hugging Face-style folder with random weights: config.json, model.safetensors (written here with
      struct/json), tokenizer.json (a byte-level BPE), tokenizer_config.json, generation_config.json.
  reference_models.py generate --model DIR --prompt-ids 1,2,3 [--prompt-ids ...] --max-new-tokens N
      Greedy decoding with a plain-torch forward of the same architecture, recomputed in full each step (no KV
      cache), in float64. Prints {"results": [{"generatedTokenIds": [...], "lastPromptTopLogits": [{id, logit}]}]}.
"""
import argparse
import json
import math
import os
import struct

import torch

# ---------------------------------------------------------------------------------------------------------------
# Folder writing

SPECIALS = {
    "llama": ["<|begin_of_text|>", "<|end_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"],
    "qwen2": ["<|endoftext|>", "<|im_start|>", "<|im_end|>"],
    "gpt2": ["<|endoftext|>"],
}
MERGES = ["Ġ t", "h e", "Ġt he", "i n", "e r", "Ġ a", "o n", "r e", "Ġ w", "o r", "Ġ s", "e n", "l l", "Ġ h", "l o"]


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs, n = bs[:], 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


def tokenizer_files(arch):
    alphabet = bytes_to_unicode()
    vocab = {alphabet[b]: b for b in range(256)}
    for m in MERGES:
        vocab[m.replace(" ", "")] = len(vocab)
    added = []
    for s in SPECIALS[arch]:
        added.append({"id": len(vocab) + len(added), "content": s, "single_word": False, "lstrip": False,
                      "rstrip": False, "normalized": False, "special": True})
    merges = [m.split(" ") for m in MERGES] if arch == "qwen2" else MERGES  # both encodings of merges
    tokenizer = {
        "version": "1.0", "truncation": None, "padding": None, "added_tokens": added,
        "normalizer": {"type": "NFC"} if arch == "qwen2" else None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        "post_processor": None, "decoder": {"type": "ByteLevel"},
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "fuse_unk": False, "byte_fallback": False,
                  "vocab": vocab, "merges": merges},
    }
    ids = {a["content"]: a["id"] for a in added}
    if arch == "llama":
        config = {"bos_token": "<|begin_of_text|>", "eos_token": "<|eot_id|>", "add_bos_token": True,
                  "chat_template": "{{ bos_token }}{% for m in messages %}<|start_header_id|>{{ m['role'] }}<|end_header_id|>\n\n{{ m['content'] | trim }}<|eot_id|>{% endfor %}"}
        generation = {"bos_token_id": ids["<|begin_of_text|>"], "eos_token_id": [ids["<|end_of_text|>"], ids["<|eot_id|>"]]}
    elif arch == "qwen2":
        config = {"eos_token": "<|im_end|>", "pad_token": "<|endoftext|>",
                  "chat_template": "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}"}
        generation = {"eos_token_id": [ids["<|im_end|>"], ids["<|endoftext|>"]], "pad_token_id": ids["<|endoftext|>"]}
    else:
        config = {"bos_token": "<|endoftext|>", "eos_token": "<|endoftext|>"}
        generation = {"eos_token_id": ids["<|endoftext|>"]}
    return tokenizer, config, generation


def model_config(arch):
    vocab = 320
    if arch == "gpt2":
        return {"model_type": "gpt2", "vocab_size": vocab, "n_embd": 32, "n_layer": 2, "n_head": 4, "n_positions": 64,
                "layer_norm_epsilon": 1e-5, "activation_function": "gelu_new", "torch_dtype": "float32"}
    config = {"model_type": arch, "vocab_size": vocab, "hidden_size": 32, "intermediate_size": 48, "num_hidden_layers": 2,
              "num_attention_heads": 4, "num_key_value_heads": 2, "rms_norm_eps": 1e-6, "max_position_embeddings": 128,
              "hidden_act": "silu", "torch_dtype": "float32"}
    if arch == "llama":
        config.update(rope_theta=500000.0, tie_word_embeddings=False,
                      rope_scaling={"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                                    "original_max_position_embeddings": 16})
    else:
        config.update(rope_theta=1000000.0, tie_word_embeddings=True)
    return config


def random_weights(arch, c, g):
    def n(*shape, std=1.0):
        return torch.randn(*shape, generator=g) * std

    w = {}
    if arch == "gpt2":
        h, inner = c["n_embd"], 4 * c["n_embd"]
        w["transformer.wte.weight"] = n(c["vocab_size"], h)
        w["transformer.wpe.weight"] = n(c["n_positions"], h, std=0.5)
        for i in range(c["n_layer"]):
            p = "transformer.h.%d." % i
            for ln in ("ln_1", "ln_2"):
                w[p + ln + ".weight"] = 1 + n(h, std=0.1)
                w[p + ln + ".bias"] = n(h, std=0.1)
            # Conv1D layout: (in, out)
            w[p + "attn.c_attn.weight"], w[p + "attn.c_attn.bias"] = n(h, 3 * h, std=h ** -0.5), n(3 * h, std=0.1)
            w[p + "attn.c_proj.weight"], w[p + "attn.c_proj.bias"] = n(h, h, std=h ** -0.5), n(h, std=0.1)
            w[p + "mlp.c_fc.weight"], w[p + "mlp.c_fc.bias"] = n(h, inner, std=h ** -0.5), n(inner, std=0.1)
            w[p + "mlp.c_proj.weight"], w[p + "mlp.c_proj.bias"] = n(inner, h, std=inner ** -0.5), n(h, std=0.1)
            w[p + "attn.bias"] = torch.tril(torch.ones(c["n_positions"], c["n_positions"])).view(1, 1, c["n_positions"], c["n_positions"])
            w[p + "attn.masked_bias"] = torch.tensor(-1e4)
        w["transformer.ln_f.weight"], w["transformer.ln_f.bias"] = 1 + n(h, std=0.1), n(h, std=0.1)
        return w
    h, inner, heads, kv = c["hidden_size"], c["intermediate_size"], c["num_attention_heads"], c["num_key_value_heads"]
    d = h // heads
    w["model.embed_tokens.weight"] = n(c["vocab_size"], h)
    for i in range(c["num_hidden_layers"]):
        p = "model.layers.%d." % i
        w[p + "input_layernorm.weight"] = 1 + n(h, std=0.1)
        w[p + "post_attention_layernorm.weight"] = 1 + n(h, std=0.1)
        w[p + "self_attn.q_proj.weight"] = n(heads * d, h, std=h ** -0.5)
        w[p + "self_attn.k_proj.weight"] = n(kv * d, h, std=h ** -0.5)
        w[p + "self_attn.v_proj.weight"] = n(kv * d, h, std=h ** -0.5)
        w[p + "self_attn.o_proj.weight"] = n(h, heads * d, std=h ** -0.5)
        if arch == "qwen2":
            w[p + "self_attn.q_proj.bias"] = n(heads * d, std=0.3)
            w[p + "self_attn.k_proj.bias"] = n(kv * d, std=0.3)
            w[p + "self_attn.v_proj.bias"] = n(kv * d, std=0.3)
        w[p + "mlp.gate_proj.weight"] = n(inner, h, std=h ** -0.5)
        w[p + "mlp.up_proj.weight"] = n(inner, h, std=h ** -0.5)
        w[p + "mlp.down_proj.weight"] = n(h, inner, std=inner ** -0.5)
    w["model.norm.weight"] = 1 + n(h, std=0.1)
    if not c["tie_word_embeddings"]:
        w["lm_head.weight"] = n(c["vocab_size"], h, std=h ** -0.5)
    return w


def write_safetensors(path, tensors):
    header, offset, blobs = {"__metadata__": {"format": "pt"}}, 0, []
    for name in sorted(tensors):
        raw = tensors[name].contiguous().to(torch.float32).numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
        blobs.append(raw)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def read_safetensors(path):
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, e in header.items():
        if name == "__metadata__":
            continue
        assert e["dtype"] == "F32", e["dtype"]
        a, b = e["data_offsets"]
        out[name] = torch.frombuffer(bytearray(data[a:b]), dtype=torch.float32).reshape(e["shape"]).to(torch.float64)
    return out


def write_folder(arch, out, seed):
    os.makedirs(out, exist_ok=True)
    c = model_config(arch)
    g = torch.Generator().manual_seed(seed)
    write_safetensors(os.path.join(out, "model.safetensors"), random_weights(arch, c, g))
    tokenizer, tconfig, generation = tokenizer_files(arch)
    for name, obj in (("config.json", c), ("tokenizer.json", tokenizer), ("tokenizer_config.json", tconfig),
                      ("generation_config.json", generation)):
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            json.dump(obj, f, ensure_ascii=False, indent=1)


# ---------------------------------------------------------------------------------------------------------------
# Reference forward passes (one unpadded sequence, full recompute)

def rms_norm(x, weight, eps):
    return weight * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps))


def rope_inverse_frequencies(c, d):
    inv = [1.0 / (c.get("rope_theta", 10000.0) ** (2 * i / d)) for i in range(d // 2)]
    s = c.get("rope_scaling")
    if s:
        low_wl, high_wl = s["original_max_position_embeddings"] / s["low_freq_factor"], s["original_max_position_embeddings"] / s["high_freq_factor"]
        scaled = []
        for f in inv:
            wl = 2 * math.pi / f
            if wl < high_wl:
                scaled.append(f)
            elif wl > low_wl:
                scaled.append(f / s["factor"])
            else:
                smooth = (s["original_max_position_embeddings"] / wl - s["low_freq_factor"]) / (s["high_freq_factor"] - s["low_freq_factor"])
                scaled.append((1 - smooth) * f / s["factor"] + smooth * f)
        inv = scaled
    return torch.tensor(inv, dtype=torch.float64)


def rotate(x, cos, sin):
    # HF's rotate_half convention: halves, not interleaved pairs.
    half = x.shape[-1] // 2
    rotated = torch.cat([-x[..., half:], x[..., :half]], dim=-1)
    return x * cos + rotated * sin


def llama_logits(w, c, ids):
    t = len(ids)
    h, heads, kv = c["hidden_size"], c["num_attention_heads"], c["num_key_value_heads"]
    d, eps = h // heads, c["rms_norm_eps"]
    x = w["model.embed_tokens.weight"][torch.tensor(ids)]  # (T, H)
    angles = torch.arange(t, dtype=torch.float64)[:, None] * rope_inverse_frequencies(c, d)[None, :]
    cos, sin = torch.cat([angles, angles], -1).cos(), torch.cat([angles, angles], -1).sin()  # (T, d)
    causal = torch.full((t, t), float("-inf"), dtype=torch.float64).triu(1)
    for i in range(c["num_hidden_layers"]):
        p = "model.layers.%d." % i

        def lin(name, v):
            y = v @ w[p + name + ".weight"].T
            return y + w[p + name + ".bias"] if (p + name + ".bias") in w else y

        a = rms_norm(x, w[p + "input_layernorm.weight"], eps)
        q = lin("self_attn.q_proj", a).view(t, heads, d).transpose(0, 1)  # (h, T, d)
        k = lin("self_attn.k_proj", a).view(t, kv, d).transpose(0, 1)
        v = lin("self_attn.v_proj", a).view(t, kv, d).transpose(0, 1)
        q, k = rotate(q, cos, sin), rotate(k, cos, sin)
        k, v = k.repeat_interleave(heads // kv, 0), v.repeat_interleave(heads // kv, 0)
        att = torch.softmax(q @ k.transpose(1, 2) / math.sqrt(d) + causal, -1) @ v  # (h, T, d)
        x = x + lin("self_attn.o_proj", att.transpose(0, 1).reshape(t, h))
        m = rms_norm(x, w[p + "post_attention_layernorm.weight"], eps)
        gate = lin("mlp.gate_proj", m)
        x = x + lin("mlp.down_proj", gate * torch.sigmoid(gate) * lin("mlp.up_proj", m))
    x = rms_norm(x, w["model.norm.weight"], eps)
    head = w.get("lm_head.weight", w["model.embed_tokens.weight"])
    return x @ head.T  # (T, V)


def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x.pow(3))))


def gpt2_logits(w, c, ids):
    t, h, heads = len(ids), c["n_embd"], c["n_head"]
    d, eps = h // heads, c["layer_norm_epsilon"]

    def ln(v, name):
        mean = v.mean(-1, keepdim=True)
        var = ((v - mean) ** 2).mean(-1, keepdim=True)
        return (v - mean) / torch.sqrt(var + eps) * w[name + ".weight"] + w[name + ".bias"]

    def conv1d(v, name):  # weights stored (in, out)
        return v @ w[name + ".weight"] + w[name + ".bias"]

    x = w["transformer.wte.weight"][torch.tensor(ids)] + w["transformer.wpe.weight"][torch.arange(t)]
    causal = torch.full((t, t), float("-inf"), dtype=torch.float64).triu(1)
    for i in range(c["n_layer"]):
        p = "transformer.h.%d." % i
        q, k, v = conv1d(ln(x, p + "ln_1"), p + "attn.c_attn").split(h, -1)
        q, k, v = (z.view(t, heads, d).transpose(0, 1) for z in (q, k, v))
        att = torch.softmax(q @ k.transpose(1, 2) / math.sqrt(d) + causal, -1) @ v
        x = x + conv1d(att.transpose(0, 1).reshape(t, h), p + "attn.c_proj")
        x = x + conv1d(gelu_new(conv1d(ln(x, p + "ln_2"), p + "mlp.c_fc")), p + "mlp.c_proj")
    return ln(x, "transformer.ln_f") @ w["transformer.wte.weight"].T


def generate(model_dir, prompts, max_new):
    with open(os.path.join(model_dir, "config.json")) as f:
        c = json.load(f)
    with open(os.path.join(model_dir, "generation_config.json")) as f:
        eos = c_eos = json.load(f)["eos_token_id"]
    eos = set(c_eos if isinstance(c_eos, list) else [c_eos])
    w = read_safetensors(os.path.join(model_dir, "model.safetensors"))
    forward = gpt2_logits if c["model_type"] == "gpt2" else llama_logits
    results = []
    for ids in prompts:
        seq, generated, top = list(ids), [], None
        for step in range(max_new):
            logits = forward(w, c, seq)[-1]
            if step == 0:
                values, indexes = logits.topk(5)
                top = [{"id": int(i), "logit": float(v)} for v, i in zip(values, indexes)]
            nxt = int(logits.argmax())
            generated.append(nxt)
            seq.append(nxt)
            if nxt in eos:
                break
        results.append({"generatedTokenIds": generated, "lastPromptTopLogits": top})
    return {"results": results}


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    wp = sub.add_parser("write")
    wp.add_argument("--arch", required=True, choices=["llama", "qwen2", "gpt2"])
    wp.add_argument("--out", required=True)
    wp.add_argument("--seed", type=int, default=1234)
    gp = sub.add_parser("generate")
    gp.add_argument("--model", required=True)
    gp.add_argument("--prompt-ids", action="append", required=True)
    gp.add_argument("--max-new-tokens", type=int, default=8)
    args = parser.parse_args()
    torch.set_num_threads(1)
    if args.command == "write":
        write_folder(args.arch, args.out, args.seed)
    else:
        prompts = [[int(i) for i in p.split(",")] for p in args.prompt_ids]
        print(json.dumps(generate(args.model, prompts, args.max_new_tokens)))


if __name__ == "__main__":
    main()
