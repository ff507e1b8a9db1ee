"""A virtual list of officers: it holds only the ordered ids and renders the visible lines, fetching
rows from SQL a page at a time. A DataTable would need every row loaded (27 s at 300,000 officers)."""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Callable, Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..data.officer_list import OfficerRow

# (key, header, width in cells)
COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("name", "姓名", 14),
    ("sex", "性别", 4),
    ("id_number", "身份证号码", 18),
    ("unit", "单位", 28),
    ("staffing", "人员性质", 12),
    ("status", "状态", 4),
    ("cert_number", "证件号码", 14),
    ("cert_expires", "有效期至", 10),
    ("cert_status", "证件", 4),
    ("hours", "本年学时", 8),
)
COUNTY_COLUMN = ("county", "区县", 10)  # before the unit, in a city's register
# sort key (see data.officer_list.SORTS) -> the column that shows the sorted value
_SORTED_COLUMN = {"expires": "cert_expires"}
_GAP = 2
PAGE = 100
_CACHED_PAGES = 20


def _cell(value: object, width: int, style: str | Style = "") -> Text:
    text = Text("" if value is None else str(value), style=style, no_wrap=True, end="")
    text.truncate(width, overflow="ellipsis", pad=True)
    return text


def _hours_text(row: OfficerRow) -> str:
    shown = f"{row.hours:g}"
    return f"{shown}/{row.required:g}" if row.required is not None else shown


class OfficerTable(ScrollView, can_focus=True):
    """Rows of officers from a fetch function; `Enter` posts `Opened` with the officer's id."""

    BINDINGS = [
        Binding("up", "cursor(-1)", "上一行", show=False),
        Binding("down", "cursor(1)", "下一行", show=False),
        Binding("pageup", "page(-1)", "上一页", show=False),
        Binding("pagedown", "page(1)", "下一页", show=False),
        Binding("home", "jump(0)", "第一行", show=False),
        Binding("end", "jump(-1)", "最后一行", show=False),
        Binding("enter", "open", "打开档案", id="open-officer"),
    ]
    COMPONENT_CLASSES = {
        "officer-table--header",
        "officer-table--cursor",
        "officer-table--expiring",
        "officer-table--expired",
        "officer-table--short",
    }
    DEFAULT_CSS = """
    OfficerTable { height: 1fr; }
    OfficerTable > .officer-table--header { text-style: bold; background: $panel; }
    OfficerTable > .officer-table--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    OfficerTable:blur > .officer-table--cursor { background: $block-cursor-blurred-background; }
    OfficerTable > .officer-table--expiring { color: $warning; }
    OfficerTable > .officer-table--expired { color: $error; }
    OfficerTable > .officer-table--short { color: $error; text-style: bold; }
    """

    cursor = reactive(0, always_update=True, repaint=False)
    sort_column: reactive[str | None] = reactive(None)
    sort_descending = reactive(False)

    class Opened(Message):
        def __init__(self, officer_id: int) -> None:
            super().__init__()
            self.officer_id = officer_id

    def __init__(self, fetch: Callable[[Sequence[int]], list[OfficerRow]], **kwargs) -> None:
        super().__init__(**kwargs)
        self._fetch = fetch
        self._ids: array = array("q")
        self._pages: OrderedDict[int, list[OfficerRow]] = OrderedDict()
        self.columns = COLUMNS
        self._width = self._width_of(COLUMNS)

    # -- data ---------------------------------------------------------------------------------------
    @staticmethod
    def _width_of(columns: tuple[tuple[str, str, int], ...]) -> int:
        return sum(width for _, _, width in columns) + _GAP * (len(columns) - 1)

    def show_county(self, shown: bool) -> None:
        """Show each officer's county (a city's register) or not (a county's)."""
        columns = COLUMNS
        if shown:
            at = [key for key, _, _ in COLUMNS].index("unit")
            columns = (*COLUMNS[:at], COUNTY_COLUMN, *COLUMNS[at:])
        if columns != self.columns:
            self.columns = columns
            self._width = self._width_of(columns)
            self.virtual_size = Size(self._width, self.virtual_size.height)
            self.refresh()

    @property
    def row_count(self) -> int:
        return len(self._ids)

    def set_ids(self, ids: array) -> None:
        """Show a new result (search, filter or sort changed): back to the first row."""
        self._ids = ids
        self._pages.clear()
        self.virtual_size = Size(self._width, len(ids) + 1)
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.cursor = 0
        self.refresh()

    def reload(self) -> None:
        """Fetch the shown rows again (after an edit), keeping the position."""
        self._pages.clear()
        self.refresh()

    def row_at(self, index: int) -> OfficerRow | None:
        if not 0 <= index < len(self._ids):
            return None
        page_no = index // PAGE
        page = self._pages.get(page_no)
        if page is None:
            ids = self._ids[page_no * PAGE : (page_no + 1) * PAGE]
            page = self._fetch(ids)
            self._pages[page_no] = page
            while len(self._pages) > _CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        offset = index - page_no * PAGE
        return page[offset] if offset < len(page) else None

    @property
    def current(self) -> OfficerRow | None:
        return self.row_at(self.cursor)

    # -- rendering ----------------------------------------------------------------------------------
    def _header(self) -> Text:
        style = self.get_component_rich_style("officer-table--header")
        parts = Text(style=style, no_wrap=True, end="")
        for i, (key, header, width) in enumerate(self.columns):
            mark = ""
            if key == _SORTED_COLUMN.get(self.sort_column or "", self.sort_column):
                mark = "▼" if self.sort_descending else "▲"
            parts.append_text(_cell(header + mark, width))
            if i < len(self.columns) - 1:
                parts.append(" " * _GAP)
        return parts

    def _row_text(self, row: OfficerRow) -> Text:
        line = Text(no_wrap=True, end="")
        cert_style = ""
        if row.expired:
            cert_style = self.get_component_rich_style("officer-table--expired")
        elif row.expiring:
            cert_style = self.get_component_rich_style("officer-table--expiring")
        hours_style = self.get_component_rich_style("officer-table--short") if row.short else ""
        for i, (key, _, width) in enumerate(self.columns):
            if key == "hours":
                line.append_text(_cell(_hours_text(row), width, hours_style))
            elif key in ("cert_expires", "cert_number"):
                line.append_text(_cell(getattr(row, key), width, cert_style))
            else:
                line.append_text(_cell(getattr(row, key), width))
            if i < len(self.columns) - 1:
                line.append(" " * _GAP)
        return line

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        base = self.rich_style
        if y == 0:
            text = self._header()
        else:
            index = scroll_y + y - 1
            row = self.row_at(index)
            if row is None:
                return Strip.blank(width, base)
            text = self._row_text(row)
            if index == self.cursor:
                text.stylize(self.get_component_rich_style("officer-table--cursor"))
        segments = list(text.render(self.app.console))
        strip = Strip(segments).apply_style(base)
        return strip.crop_extend(scroll_x, scroll_x + width, base).simplify()

    def visible_text(self) -> list[str]:
        """The visible lines as plain text (for tests and the benchmark)."""
        return [
            "".join(seg.text for seg in self.render_line(y) if isinstance(seg, Segment))
            for y in range(self.size.height)
        ]

    # -- cursor -------------------------------------------------------------------------------------
    def watch_cursor(self, old: int, new: int) -> None:
        visible = max(self.size.height - 1, 1)
        top = round(self.scroll_y)
        if new < top:
            self.scroll_to(y=new, animate=False, immediate=True)
        elif new >= top + visible:
            self.scroll_to(y=new - visible + 1, animate=False, immediate=True)
        self.refresh()

    def _move_to(self, index: int) -> None:
        if self.row_count:
            self.cursor = max(0, min(index, self.row_count - 1))

    def action_cursor(self, delta: int) -> None:
        self._move_to(self.cursor + delta)

    def action_page(self, delta: int) -> None:
        self._move_to(self.cursor + delta * max(self.size.height - 2, 1))

    def action_jump(self, where: int) -> None:
        self._move_to(self.row_count - 1 if where < 0 else where)

    def action_open(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.Opened(row.id))

    def on_click(self, event) -> None:
        index = round(self.scroll_y) + event.y - 1
        if event.y >= 1 and 0 <= index < self.row_count:
            self._move_to(index)
            if event.chain == 2:
                self.action_open()
