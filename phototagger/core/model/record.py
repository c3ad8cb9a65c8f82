"""The record of a model version, as core's callers see it (built by ml/registry)."""

from __future__ import annotations

from phototagger.ml.model_version import DEFAULT_VERSION, ModelVersion

__all__ = ["DEFAULT_VERSION", "ModelVersion"]
