#!/usr/bin/env python3
"""Writes small safetensors files with the standard library only (struct + json), independently of MPO's writer,
so the C# reader is tested against the format rather than against itself.

usage: write_safetensors.py OUT_DIR
Writes OUT_DIR/f32.safetensors, OUT_DIR/bf16.safetensors and OUT_DIR/expected.json, which lists every tensor's
shape and its values as the reader must return them in float32 (BF16 values are float32 truncated to their upper
16 bits, so they are exact in float32).
"""
import json
import math
import os
import struct
import sys


def values(n, scale, shift):
    # Deterministic, varied values: signs, fractions, a large and a tiny magnitude.
    out = [math.sin(i * scale) * (10.0 ** ((i % 7) - 3)) + shift for i in range(n)]
    if n > 2:
        out[0], out[1] = 65504.0, -1.5e-30
    return out


def f32_bytes(xs):
    return struct.pack("<%df" % len(xs), *xs)


def bf16_bits(x):
    (bits,) = struct.unpack("<I", struct.pack("<f", x))
    return bits >> 16  # truncation: the exact value is then representable in float32


def bf16_bytes(xs):
    return struct.pack("<%dH" % len(xs), *[bf16_bits(x) for x in xs])


def bf16_as_f32(x):
    (v,) = struct.unpack("<f", struct.pack("<I", bf16_bits(x) << 16))
    return v


def roundtrip_f32(x):
    (v,) = struct.unpack("<f", struct.pack("<f", x))
    return v


def write(path, tensors):
    """tensors: list of (name, dtype, shape, raw bytes), written in the given order."""
    header, offset, blobs = {"__metadata__": {"format": "pt", "writer": "stdlib"}}, 0, []
    for name, dtype, shape, raw in tensors:
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
        blobs.append(raw)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for raw in blobs:
            f.write(raw)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    specs = [("layer.weight", [3, 4], 0.7, 0.0), ("layer.bias", [4], 1.3, 0.25), ("z.scalar_like", [1], 0.1, -2.0)]
    expected = {"f32": {}, "bf16": {}}
    f32_tensors, bf16_tensors = [], []
    for name, shape, scale, shift in specs:
        xs = values(math.prod(shape), scale, shift)
        f32_tensors.append((name, "F32", shape, f32_bytes(xs)))
        bf16_tensors.append((name, "BF16", shape, bf16_bytes(xs)))
        expected["f32"][name] = {"shape": shape, "values": [roundtrip_f32(x) for x in xs]}
        expected["bf16"][name] = {"shape": shape, "values": [bf16_as_f32(x) for x in xs]}
    # Not sorted by name on purpose: readers must use the offsets, not the order.
    write(os.path.join(out, "f32.safetensors"), list(reversed(f32_tensors)))
    write(os.path.join(out, "bf16.safetensors"), bf16_tensors)
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump(expected, f)


if __name__ == "__main__":
    main()
