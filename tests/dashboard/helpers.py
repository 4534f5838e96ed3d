"""Reading rendered Dash component trees in tests without a browser."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def walk(component: Any) -> Iterator[Any]:
    """Every component and string in the tree, depth first."""
    yield component
    children = getattr(component, "children", None)
    if isinstance(component, list | tuple):
        children = component
    if children is None or isinstance(children, str | int | float):
        if isinstance(children, str | int | float):
            yield str(children)
        return
    for child in children if isinstance(children, list | tuple) else [children]:
        yield from walk(child)


def text_of(component: Any) -> str:
    return " ".join(part for part in walk(component) if isinstance(part, str))


def by_id(component: Any, wanted: str) -> Any:
    for part in walk(component):
        if getattr(part, "id", None) == wanted:
            return part
    raise AssertionError(f"no component with id {wanted!r}")


def hrefs(component: Any) -> list[str]:
    return [part.href for part in walk(component) if getattr(part, "href", None)]
