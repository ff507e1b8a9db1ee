"""The officer list's SQL on its own: what each kind of search text finds, filters and order."""

from __future__ import annotations

from lawtrain.pinyin import initials
from lawtrain.tui.data import officer_list
from lawtrain.tui.data.officer_list import ListQuery, fetch_rows, officer_ids

from .conftest import SAMPLE_TODAY


def ids_of(store, **query) -> list[int]:
    return list(officer_ids(store, ListQuery(**query), SAMPLE_TODAY))


def officer(store, id_number: str) -> tuple[int, str]:
    return store.db.execute("SELECT id, name FROM officers WHERE id_number = ?", [id_number]).fetchone()


def test_each_kind_of_text_finds_the_officer(sample_store, expected):
    id_number = next(iter(expected["training-hours"]))
    oid, name = officer(sample_store, id_number)
    number = sample_store.db.execute(
        "SELECT number FROM certificates WHERE officer_id = ?", [oid]
    ).fetchone()[0]
    for text in (
        name,
        name[:1],
        initials(name),
        initials(name).upper(),
        id_number[:10],
        id_number,
        number,
        f" {name} ",
    ):
        assert oid in ids_of(sample_store, text=text), text
    assert ids_of(sample_store, text="不存在的人") == []
    everyone = ids_of(sample_store)
    assert len(everyone) == expected["officer_count"] and everyone == sorted(everyone)


def test_a_broad_prefix_is_capped(sample_store, monkeypatch):
    monkeypatch.setattr(officer_list, "SEARCH_CAP", 10)
    assert 10 <= len(ids_of(sample_store, text="41")) <= 20  # ID numbers and certificate numbers, 10 each


def test_rows_carry_hours_owed_and_certificate_warnings(sample_store, expected):
    short = {officer(sample_store, k)[0]: v for k, v in expected["training-hours"].items()}
    rows = fetch_rows(sample_store, list(short), SAMPLE_TODAY)
    assert {row.id: row.hours for row in rows} == short
    assert all(row.short and row.required == 60 for row in rows)
    expired = [officer(sample_store, k)[0] for k in expected["cert-expired"]]
    assert all(row.expired for row in fetch_rows(sample_store, expired, SAMPLE_TODAY))
    assert set(ids_of(sample_store, cert_state="expired")) == set(expired)
    expiring = {officer(sample_store, k)[0] for k in expected["cert-expiring"]}
    assert expiring <= set(ids_of(sample_store, cert_state="expiring"))


def test_sort_by_hours_descending_and_by_name(sample_store):
    ordered = ids_of(sample_store, sort="hours", descending=True)
    hours = [row.hours for row in fetch_rows(sample_store, ordered[:50], SAMPLE_TODAY)]
    assert hours == sorted(hours, reverse=True)
    by_name = [
        row.name for row in fetch_rows(sample_store, ids_of(sample_store, sort="name")[:50], SAMPLE_TODAY)
    ]
    assert by_name == sorted(by_name)
