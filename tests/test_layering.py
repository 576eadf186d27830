"""The dependency direction of STYLE.md holds: domain is pure; services never reach into web or CLI."""

import ast
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "inputdesk"
STDLIB = set(sys.stdlib_module_names)


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules(package: str):
    return sorted((SRC / package).rglob("*.py"))


@pytest.mark.parametrize("path", _modules("domain"), ids=lambda p: p.name)
def test_domain_uses_only_the_standard_library_and_itself(path):
    bad = {m for m in _imports(path) if m.split(".")[0] not in STDLIB and not m.startswith("inputdesk.domain")}
    assert not bad, f"{path.name} imports {bad}"


@pytest.mark.parametrize("package", ["domain", "pipeline", "services", "storage"])
def test_inner_layers_do_not_import_adapters_above_them(package):
    offenders = {}
    for path in _modules(package):
        bad = {m for m in _imports(path) if m.startswith(("inputdesk.web", "inputdesk.cli"))}
        if package == "services":
            bad |= {m for m in _imports(path) if m.startswith(("inputdesk.storage", "inputdesk.bootstrap"))}
        if package in ("domain", "pipeline"):
            bad |= {m for m in _imports(path) if m.startswith(("inputdesk.storage", "inputdesk.services"))}
        if bad:
            offenders[path.name] = bad
    assert not offenders


def test_modules_stay_under_the_hard_limit():
    too_long = {p.name: n for p in SRC.rglob("*.py") if (n := len(p.read_text(encoding="utf-8").splitlines())) > 800}
    assert not too_long
