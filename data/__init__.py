"""Importer: spreadsheet bytes in, canonical Applications table + ImportReport out.

See ``docs/ARCHITECTURE.md``. The public entry point is :func:`import_files`.
"""

from __future__ import annotations

from typing import Any

from data.schema import ImportReport, ImportResult, InputError

__all__ = ["import_files", "ImportResult", "ImportReport", "InputError"]


def import_files(*args: Any, **kwargs: Any) -> ImportResult:  # thin re-export, imported lazily
    from data.importer import import_files as _import_files

    return _import_files(*args, **kwargs)
