"""The engine's import graph has no cycle, between modules or between its packages.

import-linter's layers contract (pyproject.toml) keeps the packages in one order; this
test also catches a cycle inside a package or through a base module, which a layers
contract does not see. Function-level (lazy) imports count: a cycle hidden in a function
is still a cycle a reader has to untangle.
"""

from __future__ import annotations

import grimp

PACKAGE_DEPTH = 2
"""`quiz.bank.loader` belongs to the package `quiz.bank`."""


def _graph() -> dict[str, set[str]]:
    graph = grimp.build_graph("quiz")
    return {
        module: {other for other in graph.find_modules_directly_imported_by(module)}
        for module in graph.modules
    }


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in edges.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in edges.get(node, ()):
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def _package(module: str) -> str:
    return ".".join(module.split(".")[:PACKAGE_DEPTH])


def test_the_finder_sees_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_cycle() -> None:
    assert _cycles(_graph()) == []


def test_no_package_cycle() -> None:
    packages: dict[str, set[str]] = {}
    for module, imported in _graph().items():
        mine = _package(module)
        packages.setdefault(mine, set()).update(
            _package(other) for other in imported if _package(other) != mine
        )
    assert _cycles(packages) == []
