"""Every `phototagger ... --help` read as a new user would: `review --limit` had no help and
showed no default; the actions (`models use`, `tag rename`, `metadata read`...) opened with no
line saying what they do; most positionals (FILE, DIR, PATH, TAG, VERSION, OLD/NEW) were bare;
options showed argparse's LIMIT, THRESHOLD, BATCH_SIZE, TOP; and jargon went unexplained
("embed", "Ray actors", "fine-tune", a bare "cosine similarity" with no default)."""

from __future__ import annotations

import argparse
import re

import pytest

from phototagger.cli import build_parser
from tests.cli_helpers import run


def _commands() -> list[list[str]]:
    """Every command and action, as words: ['scan'], ['models', 'use'], ..."""
    found: list[list[str]] = []

    def walk(parser: argparse.ArgumentParser, words: list[str]) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    found.append([*words, name])
                    walk(child, [*words, name])

    walk(build_parser(), [])
    return found


def _help(capsys: pytest.CaptureFixture[str], words: list[str]) -> str:
    with pytest.raises(SystemExit) as done:
        run(capsys, *words, "--help")
    assert done.value.code == 0
    return capsys.readouterr().out


def test_every_command_and_action_says_what_it_does_and_what_each_argument_is(
    capsys: pytest.CaptureFixture[str],
) -> None:
    commands = _commands()
    assert ["models", "use"] in commands and ["tag", "rename"] in commands
    assert len(commands) > 20
    parser = build_parser()
    for words in commands:
        text = _help(capsys, words)
        usage, description = text.split("\n\n")[:2]
        assert not description.startswith(("positional arguments", "options")), words
        target = parser
        for word in words:
            sub = next(a for a in target._actions if isinstance(a, argparse._SubParsersAction))
            target = sub.choices[word]
        bare = [
            action.metavar or action.dest
            for action in target._actions
            if not isinstance(action, (argparse._HelpAction, argparse._SubParsersAction))
            and not action.help
        ]
        assert bare == [], (words, bare)
        # argparse's own metavars (the dest in capitals) say nothing: N, DIR, FILE... instead
        shouted = re.findall(r"--[a-z-]+ ([A-Z_]+)\b", usage)
        assert not {"LIMIT", "THRESHOLD", "BATCH_SIZE", "TOP"} & set(shouted), (words, shouted)
        for jargon in ("decode, embed", "stored embeddings", "actors", "fine-tune"):
            assert jargon not in text, (words, jargon)


def test_review_limit_says_what_it_counts_and_its_default(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = " ".join(_help(capsys, ["review"]).split())
    assert "--limit N how many photos (default 20)" in text
    assert "a tag the model has learned" in text


def test_duplicates_threshold_says_its_default() -> None:
    from phototagger.commands.similar import SAID_DEFAULT
    from phototagger.core.similar import DUPLICATE_COSINE

    assert SAID_DEFAULT == DUPLICATE_COSINE
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    text = " ".join(sub.choices["duplicates"].format_help().split())
    assert f"default {DUPLICATE_COSINE}" in text and "from 0 to 1" in text
