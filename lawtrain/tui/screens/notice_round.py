"""Generating a notice round from a screen (合规检查, N): plan it in a worker, ask, then write the
workbooks and record the round in a worker holding the write guard, with a progress bar; the folder's
path at the end. The round is `lawtrain notices`'."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import ProgressBar

from ...notices import NoticeRound, issue_round, plan_round
from .base import RegisterScreen
from .forms.confirm import ConfirmScreen


def round_folder(exports: Path, year: int, as_of: date, county: str | None = None) -> Path:
    """A new folder in the exports folder for the round: 整改通知_2025_2025-09-30 (整改通知_青山县_2025_…
    for one county's), then _2, _3 …"""
    scope = f"_{county}" if county else ""
    base = exports / f"整改通知{scope}_{year}_{as_of.isoformat()}"
    folder, n = base, 2
    while folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        folder, n = base.with_name(f"{base.name}_{n}"), n + 1
    return folder


def start_notice_round(
    screen: RegisterScreen, year: int, as_of: date, bar: ProgressBar, county: str | None = None
) -> None:
    """Plan the round of `year` on `as_of` (for `county`'s units only, when given), ask the clerk, then
    issue it (progress on `bar`)."""
    app = screen.register_app
    scope = f"{county}，" if county else ""

    def plan() -> None:
        try:
            planned = plan_round(screen.store, year, as_of, county=county)
        except Exception as exc:  # noqa: BLE001 (shown to the clerk, never a traceback)
            app.call_from_thread(screen.notify, f"无法生成整改通知：{exc}", severity="error")
            return
        app.call_from_thread(ask, planned)

    def ask(planned: NoticeRound) -> None:
        if not planned.units:
            screen.notify(f"{scope}截至 {as_of.isoformat()} 没有需要通知的单位")
            return
        folder = round_folder(app.exports_dir, year, as_of, county)
        followed = sum(1 for unit in planned.units if unit.since is not None)
        since = f"其中 {followed:,} 个单位附上次通知以来的整改情况。" if followed else ""
        detail = (
            f"{year}年度，{scope}截至 {as_of.isoformat()}，整改期限 {planned.deadline.isoformat()}：给 {len(planned.units):,} 个单位"
            f"各生成一份整改通知（共 {planned.total:,} 项），另有汇总表。{since}\n写入 {folder}\n"
            "这一轮将记入登记簿（可在导入画面的批次历史中撤销），下一轮据此核对整改情况。"
        )

        def answered(yes: bool | None) -> None:
            if yes:
                bar.update(total=len(planned.units), progress=0)
                bar.display = True
                screen.run_worker(
                    lambda: issue(planned, folder), thread=True, exclusive=True, group="notices"
                )

        app.push_screen(ConfirmScreen("生成整改通知？", detail, yes="生成"), answered)

    def issue(planned: NoticeRound, folder: Path) -> None:
        def progress(done: int, total: int) -> None:
            app.call_from_thread(bar.update, total=total, progress=done)

        try:
            with app.write_guard.hold(), screen.store.another() as store:
                issue_round(store, planned, folder, progress=progress)
        except Exception as exc:  # noqa: BLE001 (shown to the clerk, never a traceback)
            app.call_from_thread(screen.notify, f"整改通知生成失败，没有记录：{exc}", severity="error")
            return
        finally:
            app.call_from_thread(setattr, bar, "display", False)
        message = (
            f"已生成 {len(planned.units):,} 个单位的整改通知（批次 {planned.batch_id}，共 {planned.total:,} 项）："
            f"{folder}"
        )
        app.call_from_thread(screen.notify, message, timeout=15)

    screen.run_worker(plan, thread=True, exclusive=True, group="notices")
