"""User mistakes and the world's failures are domain errors (one line, a stable exit code);
the lower layers' own exceptions become them at core's boundary, and a bug stays a bug."""

from __future__ import annotations

import pickle
import sqlite3

import pytest

from phototagger.core import errors
from phototagger.core.boundary import as_domain_error, domain_errors
from phototagger.core.catalog import NotInLibraryError, photo_at
from phototagger.core.cluster_worker import ClusterError
from phototagger.core.devices import device_named
from phototagger.core.errors import (
    BadSetting,
    BadTagName,
    Cancelled,
    DeviceUnavailable,
    LibraryTooNew,
    NothingToLearn,
    PhototaggerError,
    UnknownTag,
    UnknownVersion,
    VersionInUse,
)
from phototagger.core.jobs import CancelToken
from phototagger.core.labels import label_paths
from phototagger.core.library import open_library
from phototagger.core.library_guard import LibraryGoneError
from phototagger.core.metadata.exiv import MetadataError
from phototagger.core.model import activation, review
from phototagger.core.retrain import train_candidate
from phototagger.core.scan_lock import ScanBusyError
from phototagger.core.tag_admin import TagAdminError
from phototagger.ml import registry
from phototagger.ml.device import DeviceUnavailableError
from phototagger.ml.registry import ModelVersions
from phototagger.paths import default_home
from tests.switch_helpers import save_second_version, synthetic_library

DOMAIN_KINDS = [
    cls
    for cls in vars(errors).values()
    if isinstance(cls, type) and issubclass(cls, PhototaggerError)
]


@pytest.mark.parametrize("kind", DOMAIN_KINDS, ids=lambda k: k.__name__)
def test_every_kind_has_one_line_and_a_stable_exit_code(kind: type[PhototaggerError]) -> None:
    exc = kind("first line\n  second line\twith a tab")
    assert exc.message == str(exc) == "first line second line with a tab"
    # stopped: 130; a command line wrong in itself (a name that can never be a tag, a tag both
    # added and rejected): 2, usage, as argparse's own refusals
    usage = (errors.BadTagName, errors.ConflictingLabels)
    assert exc.exit_code == (130 if issubclass(kind, Cancelled) else 2 if kind in usage else 3)
    assert kind().message  # a message even when none is given
    # Errors cross process boundaries (a decode pool, a GUI worker): they come back whole.
    back = pickle.loads(pickle.dumps(exc))
    assert type(back) is kind and back.message == exc.message


def test_the_named_kinds_exist_and_core_own_errors_are_domain_errors() -> None:
    for name in ("NothingToLearn", "UnknownTag", "UnknownVersion", "Cancelled", "LibraryTooNew"):
        assert issubclass(getattr(errors, name), PhototaggerError)
    for own in (
        ScanBusyError,
        LibraryGoneError,
        TagAdminError,
        NotInLibraryError,
        ClusterError,
        MetadataError,
    ):
        assert issubclass(own, PhototaggerError), own
    # The job's Cancelled is the domain one: a stopped job exits 130 like Ctrl-C.
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled) as stopped:
        token.raise_if_cancelled()
    assert stopped.value.exit_code == 130


def test_lower_layer_errors_become_domain_errors_with_their_message() -> None:
    with pytest.raises(UnknownVersion, match="no model version v7") as caught:
        with domain_errors(default_home()):
            ModelVersions(default_home().model_versions).record(
                "v7"
            )  # the registry's own UnknownVersionError
    assert isinstance(caught.value.__cause__, registry.UnknownVersionError)
    with pytest.raises(DeviceUnavailable, match="no GPU"):
        with domain_errors(default_home()):
            raise DeviceUnavailableError("no GPU is visible to TensorFlow")
    full = sqlite3.OperationalError("database or disk is full")
    assert "disk is full" in str(as_domain_error(full, default_home()))


@pytest.mark.parametrize("bug", [ValueError("bad value"), KeyError("x"), TypeError("t")])
def test_a_builtin_error_passes_the_boundary_untouched(bug: Exception) -> None:
    assert as_domain_error(bug, default_home()) is None
    with pytest.raises(type(bug)) as caught:
        with domain_errors(default_home()):
            raise bug
    assert caught.value is bug


def test_a_library_written_by_a_newer_phototagger_is_library_too_new() -> None:
    with open_library(default_home()) as lib:
        lib.db.execute("PRAGMA user_version = 999")
    with pytest.raises(LibraryTooNew, match="newer than this phototagger"):
        with domain_errors(default_home()):
            open_library(default_home())


def test_core_raises_domain_errors_for_user_mistakes() -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 40)
        with pytest.raises(UnknownTag, match="there is no tag called 'zebra crossing'"):
            review.tag_scores(lib, "zebra crossing")
        with pytest.raises(UnknownTag):
            review.review_queue(lib, "zebra crossing")
        with pytest.raises(NothingToLearn, match="no corrections"):
            train_candidate(lib)
        with pytest.raises(BadTagName):
            label_paths(lib.db, ["/synthetic/000001.jpg"], add=["  "])
        with pytest.raises(NotInLibraryError, match="not in the library"):
            photo_at(lib.db, "/nowhere/x.jpg")
        with pytest.raises(VersionInUse, match="active model"):
            activation.discard_version(lib, "v1")
        save_second_version("v2")
        activation.activate_version(lib, "v2")
        with pytest.raises(VersionInUse, match="built-in"):
            activation.discard_version(lib, "v1")
    with pytest.raises(BadSetting, match="auto, cpu, gpu"):
        device_named("tpu")
    assert device_named(" GPU ") == "gpu"


def test_an_empty_library_has_nothing_to_learn() -> None:
    with (
        open_library(default_home()) as lib,
        pytest.raises(NothingToLearn, match="scan a folder first"),
    ):
        train_candidate(lib)
