"""When the register cannot be written (a full disk, a read-only file or folder, another program
writing it, a file that is not a register), every command says which in one line, exits 3 and leaves
the register exactly as it was. A command that finds another writer waits for it, saying so."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from lawtrain.cli.main import cli
from lawtrain.store import Store

from .conftest import DATA
from .storage_support import (
    ROSTER,
    TRAINING,
    contents,
    roster_register,
    run_unprivileged,
    settings_beside,
    unprivileged,
    write_lock_held,
)

WAITING = "另一项导入正在写入登记簿，等待中…"


def full_line(db: Path) -> str:
    return f"无法写入登记簿 {db}：磁盘已满。请清理磁盘空间后重试；登记簿没有任何改动。"


def read_only_line(db: Path) -> str:
    return (f"无法写入登记簿 {db}：文件或所在的文件夹是只读的，或当前用户没有写入权限。"
            "请检查文件和文件夹的权限后重试；登记簿没有任何改动。")  # fmt: skip


def not_a_register_line(db: Path) -> str:
    return (f"无法打开登记簿 {db}：它不是 lawtrain 登记簿，或文件已损坏。"
            "请从备份恢复（lawtrain backup 生成的文件），或用 --db 指定正确的登记簿文件；该文件没有任何改动。")  # fmt: skip


def run(db: Path, *args: str):
    result = CliRunner().invoke(cli, ["--db", str(db), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def training_sheet(tmp_path: Path) -> Path:
    """The online training export, copied so no error workbook lands beside the sample."""
    return Path(shutil.copy(DATA / TRAINING, tmp_path / TRAINING))


# -- a full disk -----------------------------------------------------------------------------------
SMALL_DISK_SCRIPT = """
set -u
mount -t tmpfs -o size="$SIZE" tmpfs "$DISK" || exit 99
cp "$REGISTER" "$DISK/register.db"
"$PYTHON" -m lawtrain --db "$DISK/register.db" import "$SHEET" 2>"$OUT/stderr"
status=$?
cp "$DISK"/register.db* "$OUT"/
exit $status
"""


def test_an_import_onto_a_full_disk_exits_3_and_changes_nothing(tmp_path):
    """A real small file system (tmpfs in a private mount namespace) holding the register with a few
    kilobytes to spare; skipped where the test may not mount one (the page limit below still runs)."""
    if shutil.which("unshare") is None:
        pytest.skip("unshare is not available to mount a small file system")
    register = roster_register(tmp_path / "register.db")
    before = contents(register)
    disk, out = tmp_path / "disk", tmp_path / "out"
    disk.mkdir()
    out.mkdir()
    env = {
        "SIZE": str(register.stat().st_size + 64 * 1024), "DISK": str(disk), "REGISTER": str(register),
        "PYTHON": sys.executable, "SHEET": str(training_sheet(tmp_path)), "OUT": str(out),
        "LAWTRAIN_OPERATOR": "测试员", "PATH": "/usr/bin:/bin:/usr/sbin:/sbin",
    }  # fmt: skip
    done = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", SMALL_DISK_SCRIPT],
        env=env, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    if done.returncode == 99 or "unshare:" in done.stderr:
        pytest.skip(f"cannot mount a small file system here: {done.stderr.strip()}")
    assert done.returncode == 3
    assert (out / "stderr").read_text(encoding="utf-8").splitlines() == [full_line(disk / "register.db")]
    assert contents(out / "register.db") == before


def test_an_import_past_the_register_size_limit_fails_midway_and_changes_nothing(tmp_path, monkeypatch):
    """The command's own connection limited to a few pages more than the register holds (SQLite's
    max_page_count): the import fails part-way through writing its rows, exactly as on a full disk."""
    register = roster_register(tmp_path / "register.db")
    before = contents(register)

    class NearlyFull(Store):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            pages = self.db.execute("PRAGMA page_count").fetchone()[0]
            self.db.execute(f"PRAGMA max_page_count = {pages + 8}")

    monkeypatch.setattr("lawtrain.cli.context.Store", NearlyFull)
    result = run(register, "import", str(training_sheet(tmp_path)))
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [full_line(register)]
    assert "Traceback" not in result.output
    after = contents(register)
    for table in ("batches", "audit", "audit_context", "training", "officer_year_hours"):
        assert after[table] == before[table], table
    assert after == before
    assert not list(tmp_path.glob("*.errors.xlsx"))


# -- another program writing -----------------------------------------------------------------------
def test_a_busy_register_is_waited_for_then_given_up_with_exit_3(tmp_path):
    register = roster_register(tmp_path / "register.db")
    settings_beside(register, "[storage]\nbusy_wait_seconds = 2\n")
    before = contents(register)
    started = time.monotonic()
    with write_lock_held(register):
        result = run(register, "import", str(training_sheet(tmp_path)))
    assert time.monotonic() - started >= 2
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        WAITING,
        f"无法写入登记簿 {register}：另一个程序正在写入它（已等待 2 秒）。"
        "请等它完成，或关闭正在使用登记簿的程序后重试；登记簿没有任何改动。",
    ]
    assert contents(register) == before


def test_a_busy_register_is_waited_for_and_the_import_runs_when_it_is_free(tmp_path):
    register = roster_register(tmp_path / "register.db")
    settings_beside(register, "[storage]\nbusy_wait_seconds = 60\n")
    with write_lock_held(register) as release:
        threading.Timer(1.5, release.set).start()
        result = run(register, "import", str(training_sheet(tmp_path)))
    assert result.exit_code == 1  # the sample holds rows to reject
    assert result.stderr.count(WAITING) == 1
    assert "批次 2" in result.stdout
    with Store(register, operator="测试员") as store:
        assert store.count("training") > 0


def test_reading_commands_do_not_wait_for_a_writer(tmp_path):
    register = roster_register(tmp_path / "register.db")
    with write_lock_held(register):
        result = run(register, "history")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert "青山县行政执法人员花名册.xlsx" in result.stdout


# -- read-only -------------------------------------------------------------------------------------
def writing_commands(register: Path) -> list[tuple[str, ...]]:
    """Commands that change the register, one of each kind of batch."""
    with Store(register, operator="测试员") as store:
        (number,) = store.db.execute(
            "SELECT number FROM certificates WHERE status = '有效' LIMIT 1"
        ).fetchone()
    return [
        ("import", TRAINING),
        ("undo", "1"),
        ("review", "--year", "2025", "--as-of", "2025-12-31", "--apply"),
        ("cert", "suspend", number, "--reason", "涉嫌违法执法，暂停执法资格"),
    ]


@pytest.fixture
def prefix() -> list[str]:
    found = unprivileged()
    if found is None:
        pytest.skip("running as root without `unshare --user`: permissions cannot be made to apply")
    return found


def register_copy(tmp_path: Path) -> tuple[Path, dict]:
    """A register in a folder of its own (beside it, the training sheet to import) and its contents."""
    register = roster_register(tmp_path / "register.db")
    before = contents(register)
    folder = tmp_path / "register"
    folder.mkdir()
    shutil.copy(DATA / TRAINING, tmp_path / TRAINING)
    return Path(shutil.copy(register, folder / "register.db")), before


def test_a_read_only_register_refuses_every_change_and_still_answers_questions(tmp_path, prefix):
    db, before = register_copy(tmp_path)
    commands = writing_commands(db)
    db.chmod(0o400)
    try:
        for command in commands:
            done = run_unprivileged(prefix, db, *command)
            assert (done.returncode, done.stderr.splitlines()) == (3, [read_only_line(db)]), command
        checked = run_unprivileged(prefix, db, "check", "--as-of", "2025-12-31")
        assert checked.returncode == 1 and "【" in checked.stdout and checked.stderr == ""
        history = run_unprivileged(prefix, db, "history")
        assert history.returncode == 0 and ROSTER in history.stdout
    finally:
        db.chmod(0o600)
    assert contents(db) == before


def test_a_register_in_a_read_only_folder_cannot_be_opened_nor_created(tmp_path, prefix):
    """SQLite keeps its write-ahead log beside the register: in a folder that cannot be written, the
    register cannot be read either, and a new one cannot be created."""
    db, before = register_copy(tmp_path)
    commands = writing_commands(db)
    new = db.parent / "new.db"
    db.parent.chmod(0o500)
    try:
        for command in (*commands, ("check",)):
            done = run_unprivileged(prefix, db, *command)
            assert (done.returncode, done.stderr.splitlines()) == (3, [read_only_line(db)]), command
        done = run_unprivileged(prefix, new, "import", TRAINING)
        assert (done.returncode, done.stderr.splitlines()) == (3, [read_only_line(new)])
    finally:
        db.parent.chmod(0o700)
    assert not new.exists()
    assert contents(db) == before


# -- not a register --------------------------------------------------------------------------------
def test_a_text_file_named_db_is_refused_untouched(tmp_path):
    db = tmp_path / "register.db"
    db.write_text("姓名,身份证号\n张三,410402198010047038\n", encoding="utf-8")
    original = db.read_bytes()
    for command in (("check",), ("import", str(training_sheet(tmp_path))), ()):
        result = run(db, *command)
        assert (result.exit_code, result.stderr.splitlines()) == (3, [not_a_register_line(db)]), command
    assert db.read_bytes() == original


def test_a_truncated_copy_is_refused_untouched(tmp_path):
    register = roster_register(tmp_path / "register.db")
    db = tmp_path / "copy.db"
    db.write_bytes(register.read_bytes()[:50_000])
    original = db.read_bytes()
    result = run(db, "import", str(training_sheet(tmp_path)))
    assert (result.exit_code, result.stderr.splitlines()) == (3, [not_a_register_line(db)])
    assert db.read_bytes() == original


def test_damage_found_while_answering_is_told_in_one_line(tmp_path):
    register = roster_register(tmp_path / "register.db")
    with Store(register, operator="测试员") as store:
        page = store.db.execute("PRAGMA page_size").fetchone()[0]
        root = store.db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'officers'").fetchone()[0]
    with register.open("r+b") as file:
        file.seek((root - 1) * page)
        file.write(b"\xa5" * page)
    result = run(register, "check", "--as-of", "2025-12-31")
    assert (result.exit_code, result.stderr.splitlines()) == (3, [not_a_register_line(register)])


def test_another_programs_database_is_never_migrated(tmp_path):
    db = tmp_path / "contacts.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('张三', '13900001111')")
    conn.close()
    original = db.read_bytes()
    result = run(db, "import", str(training_sheet(tmp_path)))
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        f"无法打开登记簿 {db}：这是另一个程序的 SQLite 数据库，不是 lawtrain 登记簿。"
        "请用 --db 指定正确的登记簿文件；该文件没有任何改动。"
    ]
    assert db.read_bytes() == original
    assert not Path(f"{db}-wal").exists()


def test_help_lists_exit_status_3():
    result = CliRunner().invoke(cli, ["--help"])
    assert "3  登记簿无法写入" in result.stdout
    assert "3 登记簿无法写入" in CliRunner().invoke(cli, ["import", "--help"]).stdout


def test_a_backup_into_a_read_only_folder_names_the_backup_file(tmp_path, prefix):
    db, before = register_copy(tmp_path)
    shelf = tmp_path / "backups"
    shelf.mkdir()
    shelf.chmod(0o500)
    try:
        done = run_unprivileged(prefix, db, "backup", str(shelf / "copy.db"))
    finally:
        shelf.chmod(0o700)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"无法写入备份文件 {shelf / 'copy.db'}：文件夹是只读的，或当前用户没有写入权限。请换一个文件夹；登记簿没有任何改动。"
    ]
    assert list(shelf.iterdir()) == []
    assert contents(db) == before
