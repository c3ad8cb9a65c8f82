"""No two modules of phototagger import each other, directly or round a longer circle.

A circle means neither module can be read (or imported, or tested) without the other: the code
is one module in two files. Imports inside functions and under TYPE_CHECKING count too, as
grimp (import-linter's graph) sees them.
"""

from __future__ import annotations

import grimp

# Circles other engineers are taking apart on their own branches (core: scan/versions/reembed;
# gui: the main window and its panels). A circle found here may be one of these, or a part of
# one; anything else is a new circle and fails. Empty this once those branches are merged.


def import_circles(package: str) -> list[frozenset[str]]:
    """The package's strongly connected import components of two or more modules (Tarjan)."""
    graph = grimp.build_graph(package, cache_dir=None)  # nothing written into the checkout
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[frozenset[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported != package and not imported.startswith(f"{package}."):
                continue
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == module:
                    break
            if len(component) > 1:
                circles.append(frozenset(component))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return circles


def test_no_import_circle() -> None:
    # A newcomer reads the package top down: no module needs one that needs it back.
    assert [sorted(circle) for circle in import_circles("phototagger")] == []


def test_the_ml_and_walk_circles_are_gone() -> None:
    # The three taken apart here: a constant (the backbone's name), the conversion check and
    # the found-file record each moved to a module of its own.
    in_circles = set().union(*import_circles("phototagger"))
    for module in (
        "phototagger.ml.backbone",
        "phototagger.ml.engine",
        "phototagger.ml.runtimes.choice",
        "phototagger.ml.runtimes.deferred",
        "phototagger.core.companions",
        "phototagger.core.walk",
    ):
        assert module not in in_circles


def test_the_circle_finder_finds_a_circle(tmp_path, monkeypatch) -> None:
    # The check above must be able to fail: two modules that import each other are found.
    package = tmp_path / "circled"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from circled import b\n")
    (package / "b.py").write_text("def f():\n    from circled import a\n")
    (package / "c.py").write_text("from circled import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert import_circles("circled") == [frozenset({"circled.a", "circled.b"})]
