#!/usr/bin/env python3
"""PyTorch side of `mpo bench policy`: the same llama-shaped model, batch and thread count as the TorchSharp side.

Runs as a server so the two implementations can alternate in rounds within one benchmark run: it loads the
weights the C# side wrote (safetensors, read with the standard library), prints one JSON line describing the
build (torch.__config__.show(), the libblas.so.3 alternative), then answers each "round" line on stdin with one JSON
line of timings. The model is a plain nn.Module written here (Debian's torch 1.13 has no
scaled_dot_product_attention, so attention is matmul + softmax).
"""
import argparse
import json
import math
import os
import struct
import sys
import time

import torch
import torch.nn.functional as F


def read_safetensors(path):
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, e in header.items():
        if name == "__metadata__":
            continue
        assert e["dtype"] == "F32", name
        b, end = e["data_offsets"]
        out[name] = torch.frombuffer(bytearray(data[b:end]), dtype=torch.float32).reshape(e["shape"]).clone()
    return out


class Llama(torch.nn.Module):
    def __init__(self, c, w):
        super().__init__()
        self.c = c
        self.heads, self.kv = c["num_attention_heads"], c["num_key_value_heads"]
        self.d = c["hidden_size"] // self.heads
        self.eps = c["rms_norm_eps"]
        self.w = torch.nn.ParameterDict({k.replace(".", "__"): torch.nn.Parameter(v) for k, v in w.items()})
        inv = 1.0 / (c["rope_theta"] ** (torch.arange(0, self.d, 2, dtype=torch.float32) / self.d))
        pos = torch.arange(c["max_position_embeddings"], dtype=torch.float32)
        freqs = torch.outer(pos, inv)
        emb = torch.cat([freqs, freqs], -1)
        self.cos, self.sin = emb.cos(), emb.sin()

    def p(self, name):
        return self.w[name.replace(".", "__")]

    def norm(self, x, name):
        v = x.pow(2).mean(-1, keepdim=True)
        return x * torch.rsqrt(v + self.eps) * self.p(name)

    @staticmethod
    def rotate(x, cos, sin):
        h = x.shape[-1] // 2
        return x * cos + torch.cat([-x[..., h:], x[..., :h]], -1) * sin

    def forward(self, ids, start=0, cache=None):
        b, t = ids.shape
        x = F.embedding(ids, self.p("model.embed_tokens.weight"))
        cos, sin = self.cos[start:start + t], self.sin[start:start + t]
        s = start + t
        mask = torch.full((t, s), float("-inf")).triu(start + 1)
        for i in range(self.c["num_hidden_layers"]):
            pre = f"model.layers.{i}."
            h = self.norm(x, pre + "input_layernorm.weight")
            q = F.linear(h, self.p(pre + "self_attn.q_proj.weight")).view(b, t, self.heads, self.d).transpose(1, 2)
            k = F.linear(h, self.p(pre + "self_attn.k_proj.weight")).view(b, t, self.kv, self.d).transpose(1, 2)
            v = F.linear(h, self.p(pre + "self_attn.v_proj.weight")).view(b, t, self.kv, self.d).transpose(1, 2)
            q, k = self.rotate(q, cos, sin), self.rotate(k, cos, sin)
            if cache is not None:
                if i in cache:
                    k = torch.cat([cache[i][0], k], 2)
                    v = torch.cat([cache[i][1], v], 2)
                cache[i] = (k, v)
            if self.heads != self.kv:
                k = k.repeat_interleave(self.heads // self.kv, 1)
                v = v.repeat_interleave(self.heads // self.kv, 1)
            att = (q @ k.transpose(-1, -2)) / math.sqrt(self.d) + mask
            o = (att.softmax(-1) @ v).transpose(1, 2).reshape(b, t, -1)
            x = x + F.linear(o, self.p(pre + "self_attn.o_proj.weight"))
            h = self.norm(x, pre + "post_attention_layernorm.weight")
            gate = F.linear(h, self.p(pre + "mlp.gate_proj.weight"))
            up = F.linear(h, self.p(pre + "mlp.up_proj.weight"))
            x = x + F.linear(F.silu(gate) * up, self.p(pre + "mlp.down_proj.weight"))
        x = self.norm(x, "model.norm.weight")
        return F.linear(x, self.p("lm_head.weight"))


def train_step(model, opt, ids):
    logits = model(ids)
    v = logits.shape[-1]
    loss = F.cross_entropy(logits[:, :-1].reshape(-1, v), ids[:, 1:].reshape(-1))
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    opt.zero_grad(set_to_none=True)


@torch.no_grad()
def sample(model, prompt, new_tokens, temperature, use_cache, gen):
    ids = prompt
    cache = {} if use_cache else None
    logits = model(ids, 0, cache)[:, -1]
    for step in range(new_tokens):
        nxt = torch.multinomial((logits / temperature).softmax(-1), 1, generator=gen)
        ids = torch.cat([ids, nxt], 1)
        if step == new_tokens - 1:
            break
        logits = model(nxt, ids.shape[1] - 1, cache)[:, -1] if use_cache else model(ids)[:, -1]
    return ids


def timed(fn):
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000.0


def blas_alternative():
    try:
        return os.path.realpath("/etc/alternatives/libblas.so.3-x86_64-linux-gnu")
    except OSError:
        return "unknown"


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--weights", required=True)
    a.add_argument("--config", required=True)
    a.add_argument("--threads", type=int, required=True)
    a.add_argument("--batch", type=int, required=True)
    a.add_argument("--seq", type=int, required=True)
    a.add_argument("--prompt", type=int, required=True)
    a.add_argument("--new-tokens", type=int, required=True)
    a.add_argument("--train-steps", type=int, required=True)
    a.add_argument("--temperature", type=float, default=0.7)
    args = a.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1234)
    with open(args.config) as f:
        c = json.load(f)
    model = Llama(c, read_safetensors(args.weights))
    opt = torch.optim.AdamW(model.parameters(), lr=1e-4)
    gen = torch.Generator().manual_seed(5)
    ids = torch.randint(0, c["vocab_size"], (args.batch, args.seq), generator=gen)
    prompt = torch.randint(0, c["vocab_size"], (args.batch, args.prompt), generator=gen)
    train_step(model, opt, ids)  # warm-up: allocator, optimizer state
    sample(model, prompt, 2, args.temperature, True, gen)
    print(json.dumps({
        "ready": True,
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "blas": blas_alternative(),
        "config": torch.__config__.show(),
        "parameters": sum(p.numel() for p in model.parameters()),
    }), flush=True)
    for line in sys.stdin:
        if line.strip() != "round":
            break
        steps = [timed(lambda: train_step(model, opt, ids)) for _ in range(args.train_steps)]
        cached = timed(lambda: sample(model, prompt, args.new_tokens, args.temperature, True, gen))
        uncached = timed(lambda: sample(model, prompt, args.new_tokens, args.temperature, False, gen))
        print(json.dumps({"trainStepMs": steps, "sampleCacheMs": cached, "sampleNoCacheMs": uncached}), flush=True)


if __name__ == "__main__":
    main()
