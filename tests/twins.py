"""Officers whose ID numbers end alike: a clerk's tail that fits more than one of them."""

from __future__ import annotations

from lawtrain import idcard
from lawtrain.importing.writers import save_officers
from lawtrain.models import OfficerIn
from lawtrain.store import Store

OTHER_UNIT = "青山县林业局"


def sharing_the_tail(id_number: str, skip: int = 0) -> str:
    """Another valid ID number (other area, other birth year, the same birthday, sequence and check
    character) whose last 8 characters are those of `id_number`; `skip` gives the next one."""
    tail = id_number[-8:]
    for area in ("110105", "320102", "440106", "510104", "610113"):
        for year in range(1950, 2005):
            body = f"{area}{year}{id_number[10:17]}"
            number = body + idcard.check_char(body)
            if number != id_number and number.endswith(tail):
                if skip == 0:
                    return number
                skip -= 1
    raise AssertionError("no number shares the tail")


def add_officer(store: Store, id_number: str, name: str, unit: str = OTHER_UNIT) -> None:
    record = OfficerIn.model_validate(
        {"id_number": id_number, "name": name, "unit": unit, "staffing": "行政编制"},
        context={"settings": store.settings},
    )
    with store.batch("edit", f"新增人员 {name}") as batch:
        save_officers(store, batch, [record])
