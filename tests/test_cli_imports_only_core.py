"""The command line reaches the library and the model through core only: no module of
commands/ or cli.py imports phototagger.store or phototagger.ml, at the top or inside a
function (import-linter's contract checks the same in CI; this says which line broke it)."""

from __future__ import annotations

import ast
from pathlib import Path

import phototagger

PACKAGE = Path(phototagger.__file__).parent
FORBIDDEN = ("phototagger.store", "phototagger.ml")


def _imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found += [(node.lineno, node.module)]
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def test_commands_and_cli_import_neither_store_nor_ml() -> None:
    files = [PACKAGE / "cli.py", *sorted((PACKAGE / "commands").glob("*.py"))]
    assert len(files) > 5
    bad = [
        f"{path.relative_to(PACKAGE)}:{line}: {name}"
        for path in files
        for line, name in _imports(path)
        if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)
    ]
    assert bad == []


def test_the_check_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from phototagger import ml\n    import phototagger.store.x\n")
    names = [name for _, name in _imports(sample)]
    assert "phototagger.ml" in names and "phototagger.store.x" in names
