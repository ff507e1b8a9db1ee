"""Writing the settings file a clerk keeps beside the register: the jurisdiction set up on first run.

The file is created from the commented defaults shipped with the program (settings.example.toml)
and edited in place with tomlkit, so every other key, comment and the clerk's own layout survive; a
value is written only after the whole file, as it would be, validates.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import tomlkit
from pydantic import field_validator
from pydantic_core import PydanticCustomError

from .exporting.tables import display_width
from .settings import Jurisdiction, Settings, SettingsError, parse_settings

EXAMPLE = Path(__file__).with_name("settings.example.toml")

# The jurisdiction's fields as the clerk knows them, in the order they are asked for: (label, example).
JURISDICTION_FIELDS: dict[str, tuple[str, str]] = {
    "name": ("辖区名称", "石门县"),
    "bureau": ("司法局", "石门县司法局"),
    "authority": ("发证机关", "石门县人民政府"),
    "province": ("省份", "河南省"),
    "contact": ("联系人电话", "法制股 张三 0371-12345678"),
}
REQUIRED_FIELDS = ("name", "bureau", "authority")


class JurisdictionForm(Jurisdiction):
    """What the app's first-run form asks for: the name, the bureau and the authority are required."""

    @field_validator(*REQUIRED_FIELDS)
    @classmethod
    def _filled(cls, value: str) -> str:
        if not value.strip():
            raise PydanticCustomError("lawtrain", "必须填写")
        return value


def set_jurisdiction(path: Path, values: dict[str, str | None]) -> Settings:
    """Write the given jurisdiction fields (None: leave as is) into the settings file at `path`,
    creating it from the defaults when missing. Returns the settings now in force; raises
    SettingsError, naming the field, and writes nothing when the result would not be valid."""
    for key, value in values.items():
        if key not in JURISDICTION_FIELDS:
            raise SettingsError(f"未知的辖区设置项: {key}")
        if value is not None and key in REQUIRED_FIELDS and not value.strip():
            raise SettingsError(f"{JURISDICTION_FIELDS[key][0]}不能为空")
    text = path.read_text(encoding="utf-8") if path.exists() else EXAMPLE.read_text(encoding="utf-8")
    try:
        document = tomlkit.parse(text)
    except tomlkit.exceptions.ParseError as exc:
        raise SettingsError(f"设置文件 {path} 无法读取: {exc}") from exc
    if "jurisdiction" not in document:
        document["jurisdiction"] = tomlkit.table()
    table = document["jurisdiction"]
    for key, value in values.items():
        if value is not None:
            _set_keeping_comment(table, key, value.strip())
    new_text = tomlkit.dumps(document)
    settings = parse_settings(tomllib.loads(new_text), f"设置文件 {path}")
    _replace(path, new_text)
    return settings


def _set_keeping_comment(table: tomlkit.items.Table, key: str, value: str) -> None:
    """Set `key`, keeping its end-of-line comment in the column it was in (Chinese counts double)."""
    old = table.get(key)
    line_before = display_width(f"{key} = {old.as_string()}") if old is not None else 0
    table[key] = value
    item = table.item(key)
    if old is not None and item.trivia.comment:
        column = line_before + len(item.trivia.comment_ws)
        item.trivia.comment_ws = " " * max(1, column - display_width(f"{key} = {item.as_string()}"))


def _replace(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file, so a failure never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
