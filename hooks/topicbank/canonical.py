"""Values as canonical JSON text for cache keys: json.dumps walks our frozen dataclasses as the dicts of their
fields (with sort_keys, the text dataclasses.asdict gave, without its deep copy of every entry)."""
from __future__ import annotations

import dataclasses
import functools


@functools.lru_cache(maxsize=None)
def _field_names(cls: type) -> tuple[str, ...] | None:
    return tuple(field.name for field in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None


def dataclass_fields(value: object) -> dict[str, object] | None:
    """A dataclass instance as the dict of its fields; None for any other value."""
    names = _field_names(type(value))
    return None if names is None else {name: getattr(value, name) for name in names}


def json_fields(value: object) -> object:
    """json.dumps's fallback for the outputs' fingerprints: a dataclass as its fields, anything else as str."""
    fields = dataclass_fields(value)
    return str(value) if fields is None else fields
