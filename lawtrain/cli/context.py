"""What every command shares: the database path from --db / $LAWTRAIN_DB, and the store opened once."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import click

from ..settings import Settings, SettingsError, load_settings, settings_path_for
from ..store import DEFAULT_DB, Store


@dataclass
class CliContext:
    db_path: Path
    _store: Store | None = field(default=None, repr=False)

    def store(self) -> Store:
        if self._store is None:
            try:
                self._store = Store(self.db_path)
            except SettingsError as exc:
                fail(str(exc))
        return self._store

    def settings(self) -> Settings:
        """The settings beside the database, without opening the register."""
        if self._store is not None:
            return self._store.settings
        try:
            return load_settings(settings_path_for(self.db_path))
        except SettingsError as exc:
            fail(str(exc))

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


def resolve_db(option: str | None) -> Path:
    """--db wins, then $LAWTRAIN_DB, then data/lawtrain.db."""
    return Path(option or os.environ.get("LAWTRAIN_DB") or DEFAULT_DB)


pass_cli = click.make_pass_decorator(CliContext)


def fail(message: str, code: int = 2) -> None:
    """One clear line on stderr and the exit status; never a traceback."""
    click.echo(message, err=True)
    raise SystemExit(code)
