"""Suggested groups ("Suggest groups"): sentence vectors of a board's notes made on the laptop,
clustered into themes with labels. Part of the model: numpy, onnxruntime and tokenizers, never
Qt or the web framework; they are imported on first use, not with the model."""

from .installed import ThemesUnavailable
from .records import Proposal, ProposedGroup
from .service import Themes

__all__ = ["Proposal", "ProposedGroup", "Themes", "ThemesUnavailable"]
