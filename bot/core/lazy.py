"""Lazy public names for a package's ``__init__`` (PEP 562).

Each subpackage lists its public names and the modules they live in; a name is imported on
first use, so ``import bot`` and ``careerbot --help`` stay instant and importing one module
of a package costs only that module.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_attributes(package: str, module_of: Mapping[str, str]) -> Callable[[str], Any]:
    """A module-level ``__getattr__`` that imports ``module_of[name]`` and returns its ``name``."""

    def __getattr__(name: str) -> Any:
        if name in module_of:
            return getattr(importlib.import_module(module_of[name]), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
