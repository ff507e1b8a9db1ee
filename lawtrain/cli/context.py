"""What every command shares: the database path from --db / $LAWTRAIN_DB, the store opened once, and
the one place where a storage failure becomes one line and exit status 3."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import click

from ..settings import Settings, SettingsError, load_settings, settings_path_for
from ..store import DEFAULT_DB, StorageError, Store
from ..store.failures import classify

EXIT_STORAGE = 3  # the register could not be written (or opened); nothing changed


@dataclass
class CliContext:
    db_path: Path
    _store: Store | None = field(default=None, repr=False)

    def store(self) -> Store:
        if self._store is None:
            try:
                self._store = Store(self.db_path, waiting=lambda line: click.echo(line, err=True))
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


class RegisterGroup(click.Group):
    """The command group: whatever command meets a storage failure (a full disk, a read-only register,
    another program writing it past the wait, a file that is not a register), it ends here with the
    failure's one line on stderr and exit status 3, never a traceback. Every change is one
    transaction, so nothing was changed."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (StorageError, sqlite3.Error) as exc:
            path = ctx.obj.db_path if isinstance(ctx.obj, CliContext) else getattr(exc, "path", DEFAULT_DB)
            failure = classify(exc, path)
            if failure is None:
                raise
            fail(str(failure), EXIT_STORAGE)


def resolve_db(option: str | None) -> Path:
    """--db wins, then $LAWTRAIN_DB, then data/lawtrain.db."""
    return Path(option or os.environ.get("LAWTRAIN_DB") or DEFAULT_DB)


pass_cli = click.make_pass_decorator(CliContext)


def fail(message: str, code: int = 2) -> None:
    """One clear line on stderr and the exit status; never a traceback."""
    click.echo(message, err=True)
    raise SystemExit(code)
