"""How learnable a tag is from what the tagger sees: the F1 a learner reaches on a library's photos
when it is given every other photo's answer (leave-one-out, or 5 folds), at the best threshold
any cut could make. Learning from a few dozen answers with the same features should not expect
more, so "F1 >= 0.9 after review where the concept is learnable" can be read against it. It is
evidence, not a proof: a learner that knows more than these features can pass it.

Learners (the bound is the best of them):
- likeness: a photo's ImageNet probabilities dotted with the mean probabilities of every other
  positive (leave-one-out);
- likeness, WordNet: the same with each photo's mass on every WordNet node above the 1,000
  classes (models/wordnet_closure.json), weighted by the node's information content (1 for one
  class, 0 for the root): photos of kinds no other positive shows still share their hypernyms;
- likeness, embedding: cosine of a photo's embedding with the mean of every other positive's
  (L2-normalised, leave-one-out);
- logistic, embedding / log probabilities: an L2 logistic regression (lambda 0.01, standardised
  features) fitted on 4 folds of the photos and scored on the fifth;
- logistic, faces + embedding / faces + log probabilities: the same with the face detector's
  signals per photo beside them (ml/face_base.py's features, as the tagger reads them), when the
  library has them: tags about people ("persons") are taught from those too.

Run alone: .venv/bin/python benchmarks/learnability.py [--tags a,b] (after benchmarks/new_tags.py
has built its cached library); benchmarks/new_tags.py prints the same under its summary.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np

# This checkout's phototagger, not the one installed (an editable install points at another
# worktree): first, before anything imports it.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from phototagger.ml.metrics import best_f1

FOLDS = 5
L2 = 0.01


def likeness_scores(features: np.ndarray, truth: np.ndarray) -> np.ndarray:
    """Each photo's `features` dotted with the mean of every positive's but its own."""
    positives = int(truth.sum())
    total = features[truth].sum(axis=0)
    scores = features @ total
    own = np.einsum("ij,ij->i", features, features)
    return np.where(truth, (scores - own) / max(positives - 1, 1), scores / max(positives, 1))


def logistic_scores(x: np.ndarray, truth: np.ndarray, seed: int = 0) -> np.ndarray:
    """Out-of-fold scores of an L2 logistic regression on standardised `x`."""
    from scipy.optimize import minimize

    x = (x - x.mean(axis=0)) / (x.std(axis=0) + 1e-6)
    y = truth.astype(np.float64)
    fold = np.random.default_rng(seed).permutation(len(y)) % FOLDS
    scores = np.zeros(len(y))
    for f in range(FOLDS):
        train = fold != f
        xt, yt = x[train], y[train]

        def loss(wb: np.ndarray, xt: np.ndarray = xt, yt: np.ndarray = yt) -> tuple[float, Any]:
            w, b = wb[:-1], wb[-1]
            z = xt @ w + b
            p = 1.0 / (1.0 + np.exp(-z))
            value = float(np.mean(np.logaddexp(0.0, z) - yt * z) + 0.5 * L2 * w @ w)
            grad = np.r_[xt.T @ (p - yt) / len(yt) + L2 * w, np.mean(p - yt)]
            return value, grad

        found = minimize(loss, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B")
        scores[~train] = x[~train] @ found.x[:-1] + found.x[-1]
    return scores


def learnability(
    truth: np.ndarray,
    probs: np.ndarray,
    embeddings: np.ndarray,
    faces: np.ndarray | None = None,
) -> dict[str, float]:
    """Per learner, the best-threshold F1 given every other photo's answer; "ceiling": the
    best of them. `faces`: the face detector's signals per photo (ml/face_base.py's features),
    which the tagger also reads: with them, the logistic learners see them beside the
    embedding or the log probabilities (a tag about people is bounded by what both say)."""
    truth = truth.astype(bool)
    unit = embeddings / np.linalg.norm(embeddings, axis=1, keepdims=True)
    from phototagger.core.concepts import load_concepts

    members = load_concepts().members.astype(np.float64)  # (1000, nodes) 0/1
    content = np.log(len(members) / members.sum(axis=0)) / np.log(len(members))
    nodes = (probs.astype(np.float64) @ members) * content
    found = {
        "likeness": best_f1(truth, likeness_scores(probs.astype(np.float64), truth)),
        "likeness, WordNet": best_f1(truth, likeness_scores(nodes, truth)),
        "likeness, embedding": best_f1(truth, likeness_scores(unit.astype(np.float64), truth)),
        "logistic, embedding": best_f1(truth, logistic_scores(embeddings, truth)),
        "logistic, log probabilities": best_f1(
            truth, logistic_scores(np.log(probs.astype(np.float64) + 1e-5), truth)
        ),
    }
    if faces is not None:
        signals = faces.astype(np.float64)
        found["logistic, faces + embedding"] = best_f1(
            truth, logistic_scores(np.c_[signals, embeddings], truth)
        )
        found["logistic, faces + log probabilities"] = best_f1(
            truth, logistic_scores(np.c_[signals, np.log(probs.astype(np.float64) + 1e-5)], truth)
        )
    found["ceiling"] = max(found.values())
    return found


def main() -> None:
    import argparse
    import sys
    from pathlib import Path

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tags", help="comma-separated subset of the tags")
    args = parser.parse_args()

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks import new_tags

    truth, probs, embeddings, faces = new_tags.library_arrays()
    only = set(args.tags.split(",")) if args.tags else None
    for tag, answers in truth.items():
        if only is not None and tag not in only:
            continue
        found = learnability(answers, probs, embeddings, faces)
        cells = ", ".join(f"{k} {v:.2f}" for k, v in found.items())
        print(f"  {tag:<15} {cells}", flush=True)


if __name__ == "__main__":
    main()
