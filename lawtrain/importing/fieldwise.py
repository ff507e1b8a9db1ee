"""Rows whose model judges each field on its own cell, assembled from what each cell value gave before.

A training export repeats its values down every column: 22 courses, 8 categories, a few dozen ways of
writing the hours, a few thousand dates, each officer's ID number and name ten times over. When no
validator of a model looks at more than one field (no model validator, no field validator reading
the others), a field's validated value depends on its own cell alone; so once the model has
validated a cell's value for its field, it is known for good, and a row whose cells were all seen
before is assembled from them without calling the model (~1 µs instead of ~10 µs a row).

The model stays the one judge: a value not seen before is validated by the model's own validator of
its field (pydantic's validate_assignment on a scratch record), and a row with a value that does not
validate, or a blank required cell, is validated by the model in full, so its errors are the
model's own. Failures are never remembered.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable
from functools import partial
from typing import Any

from pydantic import BaseModel, ValidationError

# Distinct values remembered per column: a province's officers (300,000 ID numbers and names) with
# room to spare; beyond it, rows with new values are validated in full (correct, only slower).
_REMEMBERED = 1 << 19


def is_fieldwise(model: type[BaseModel]) -> bool:
    """No model-level validator: the model validates each field apart (field validators are checked
    by the tests, which compare both ways of validating on the sample files)."""
    return not model.__pydantic_decorators__.model_validators


class FieldwiseRows:
    """Records (a named tuple of the model's fields) for the rows of one sheet: `record(cells)` gives
    the record when every cell's value is valid, from what each value gave before or, for a value not
    seen yet, from the model validating that field alone; None when a cell is not valid (the row is
    then validated in full, for the model's own errors). `learn(cells, record)` keeps what the model
    made of each cell of a row validated in full and returns the record as a tuple."""

    def __init__(
        self, model: type[BaseModel], mapping: dict[int, str], context: dict[str, Any] | None = None
    ):
        if not is_fieldwise(model):
            raise ValueError(f"{model.__name__} validates fields together")
        fields = list(model.model_fields)
        # One field validated alone: assigned to a scratch record by the model's own validator (a
        # province export brings a new ID number and name on a third of its rows: validating just those
        # two costs a fifth of validating the row).
        self._scratch = model.model_construct()
        self._assign = partial(
            model.__pydantic_validator__.validate_assignment, self._scratch, context=context
        )
        self.Record = namedtuple(f"{model.__name__}Row", fields)  # noqa: PYI024 (built from the model)
        self._make: Callable[[Any], Any] = self.Record._make
        self._defaults = [
            None if info.is_required() else info.get_default(call_default_factory=True)
            for info in model.model_fields.values()
        ]
        required = {name for name, info in model.model_fields.items() if info.is_required()}
        position = {name: i for i, name in enumerate(fields)}
        # (cell index, position in the record, required, remembered values, field), in column order
        self._columns = [
            (index, position[field], field in required, {}, field) for index, field in sorted(mapping.items())
        ]
        self._width = max(mapping) + 1 if mapping else 0
        self._missing_required = [position[f] for f in required if f not in mapping.values()]

    def record(self, cells: list[Any]) -> Any:
        if len(cells) < self._width or self._missing_required:
            return None
        values = self._defaults.copy()
        for index, at, required, seen, field in self._columns:
            cell = cells[index]
            if cell.__class__ is str:
                if not cell or cell.isspace():
                    if required:
                        return None
                    continue
                key = cell
            elif cell is None:
                if required:
                    return None
                continue
            else:
                key = (cell.__class__, cell)  # 1.0, True and 1 kept apart
            value = seen.get(key, seen)  # `seen` itself: never a validated value
            if value is seen:
                value = self._alone(field, cell, key, seen)
                if value is seen:
                    return None
            values[at] = value
        return self._make(values)

    def _alone(self, field: str, cell: Any, key: Any, seen: dict[Any, Any]) -> Any:
        """What the model makes of `cell` for `field` (remembered), or `seen` when it is not valid."""
        try:
            self._assign(field, cell)
        except ValidationError:
            return seen
        value = getattr(self._scratch, field)
        if len(seen) < _REMEMBERED:
            seen[key] = value
        return value

    def learn(self, cells: list[Any], record: BaseModel) -> Any:
        values = tuple(getattr(record, name) for name in self.Record._fields)
        width = len(cells)
        for index, at, _required, seen, _field in self._columns:
            if index >= width or len(seen) >= _REMEMBERED:
                continue
            cell = cells[index]
            if cell is None or (cell.__class__ is str and (not cell or cell.isspace())):
                continue
            key = cell if cell.__class__ is str else (cell.__class__, cell)
            try:
                seen[key] = values[at]
            except TypeError:  # an unhashable value: validated in full each time
                pass
        return self._make(values)
