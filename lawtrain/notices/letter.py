"""The notice itself, the first sheet of a unit's workbook: a letter from the bureau that prints on
one A4 page.

It reads like an official notice (整改通知): title, addressee, the lists attached with their counts and
what to do about each, what changed since the last notice, the deadline, the bureau and date, and the
contact. One wide column of wrapped text in 仿宋, rows as tall as their lines, fitted to one page.
"""

from __future__ import annotations

import math
from datetime import date

from ..exporting.books import Book, write_text
from ..exporting.tables import display_width
from ..settings import Settings
from .lists import NOTICE_LISTS
from .rounds import NEW, RESOLVED, STILL_OPEN, SinceLast

NUMERALS = "一二三四五六七八九十"
WIDTH = 80  # the column, in Excel's character units (A4 portrait within the margins)
BODY_POINTS, TITLE_POINTS = 14, 18


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def letter_title(year: int) -> str:
    return f"关于做好{year}年度行政执法人员管理事项整改的通知"


def paragraphs(
    unit: str,
    findings: dict[str, list],
    since: SinceLast | None,
    settings: Settings,
    year: int,
    as_of: date,
    deadline: date,
) -> list[str]:
    """The body, paragraph by paragraph (each indented by two full-width spaces)."""
    running = as_of < date(year, 12, 31)
    lines = [f"{unit}："]
    listed = [notice_list for notice_list in NOTICE_LISTS if findings.get(notice_list.name)]
    if listed:
        lines.append(
            f"　　根据行政执法人员管理的有关规定，截至{chinese_date(as_of)}，经核对本局行政执法人员登记信息，"
            "你单位有以下事项需要办理（名单见本工作簿所附各表）："
        )
        for number, notice_list in enumerate(listed):
            rules = settings.for_year(year)
            what = notice_list.heading.format(
                n=len(findings[notice_list.name]), minimum=rules.checks.unit_min_holders
            )
            todo = notice_list.todo(rules, year, running)
            lines.append(f"　　{NUMERALS[number % 10]}、{what}（见“{notice_list.sheet}”表）。{todo}")
    if since is not None:
        resolved, still_open, new = (since.count(outcome) for outcome in (RESOLVED, STILL_OPEN, NEW))
        text = (
            f"　　上次通知（截至{chinese_date(date.fromisoformat(since.date))}）所列{resolved + still_open}项问题中，"
            f"已整改{resolved}项，仍未整改{still_open}项"
        )
        text += f"；本次新增{new}项" if new else ""
        lines.append(text + "（见“整改情况”表）。")
    if listed:
        lines.append(
            f"　　请于{chinese_date(deadline)}前办理完毕，并将办理情况（培训记录、换证或注销申请、聘用材料等）报送本局。"
        )
    else:
        lines.append("　　经核对，上次通知所列事项均已整改完毕，你单位目前没有需要办理的事项。")
    lines.append("　　特此通知。")
    return lines


def write_letter(
    book: Book,
    unit: str,
    findings: dict[str, list],
    since: SinceLast | None,
    settings: Settings,
    year: int,
    as_of: date,
    deadline: date,
) -> None:
    """The notice sheet, first in `book`."""
    ws = book.worksheet("通知")
    font = {"font_name": "仿宋", "font_size": BODY_POINTS}
    title = book.format(font_name="宋体", font_size=TITLE_POINTS, bold=True, align="center", valign="vcenter")
    body = book.format(**font, text_wrap=True, valign="top")
    right = book.format(**font, align="right")
    ws.set_column(0, 0, WIDTH)
    row = 0
    ws.set_row(row, TITLE_POINTS * 2.2)
    write_text(ws, row, 0, letter_title(year), title)
    row += 2
    for text in paragraphs(unit, findings, since, settings, year, as_of, deadline):
        ws.set_row(row, _height(text))
        write_text(ws, row, 0, text, body)
        row += 1
    row += 1
    bureau = settings.jurisdiction.bureau
    for text in (bureau or "（盖章）", chinese_date(as_of)):
        ws.set_row(row, BODY_POINTS * 1.6)
        write_text(ws, row, 0, text + "　　", right)
        row += 1
    contact = settings.jurisdiction.contact
    if contact:
        row += 1
        text = f"联系人及电话：{contact}"
        ws.set_row(row, _height(text))
        write_text(ws, row, 0, text, body)
    ws.hide_gridlines(2)
    ws.set_portrait()
    ws.set_paper(9)  # A4
    ws.set_margins(left=0.8, right=0.8, top=1.0, bottom=0.8)
    ws.center_horizontally()
    ws.fit_to_pages(1, 1)
    ws.activate()


def _height(text: str) -> float:
    """Points for a row of wrapped text: its lines at the body size, line spacing 1.6."""
    per_line = WIDTH * 11 / BODY_POINTS  # Excel's character units are those of the 11-point default font
    lines = max(1, math.ceil(display_width(text) / per_line))
    return lines * BODY_POINTS * 1.6
