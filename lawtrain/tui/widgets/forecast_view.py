"""The forecast shown: per-unit subtotals above, the officers of the highlighted unit below (the
totals row shows everyone, the first TABLE_ROWS_MAX of them). In a city's forecast both tables show the
county, and a unit is a unit of one county."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from ...exporting.tables import Column
from ...forecast import Forecast, shown, totals
from ...labels import value_text
from ..screens.base import TABLE_ROWS_MAX, fill_table, shown_note


def _keyed(columns: tuple[Column, ...]) -> list[tuple[str, str]]:
    return [(column.key, column.header) for column in columns]


def _readable(row: dict) -> dict:
    """Hours as a person reads them: 60, 12.5 (not 60.0)."""
    return {key: value_text(value) if isinstance(value, float) else value for key, value in row.items()}


class ForecastView(Vertical):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.forecast: Forecast | None = None
        self.officers: list[dict] = []  # the rows in the officers' table

    def compose(self) -> ComposeResult:
        yield Static("按 G 预测", id="forecast-summary", classes="summary")
        yield DataTable(id="forecast-units", cursor_type="row", zebra_stripes=True)
        yield Static(id="forecast-officers-title", classes="section")
        yield DataTable(id="forecast-officers", cursor_type="row", zebra_stripes=True)

    def show(self, forecast: Forecast) -> None:
        self.forecast = forecast
        self.query_one("#forecast-summary", Static).update(
            f"{forecast.year}年度学时预测{forecast.scope_text} · {forecast.summary_text}\n{forecast.pace_note}"
        )
        units = self.query_one("#forecast-units", DataTable)
        units.loading = False
        rows = [_readable(row) for row in (*forecast.units, totals(forecast.units))]
        fill_table(units, _keyed(forecast.subtotal_columns), rows, empty="没有应考核学时的人员")
        units.move_cursor(row=0)
        self.show_unit(forecast.units[0] if forecast.units else None)

    @on(DataTable.RowHighlighted, "#forecast-units")
    def _unit_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.forecast is None or not self.forecast.units:
            return
        units = self.forecast.units
        self.show_unit(units[event.cursor_row] if event.cursor_row < len(units) else None)

    def show_unit(self, subtotal: dict | None) -> None:
        """The officers of the unit of `subtotal` (a row of `Forecast.units`; None: of every unit), in
        the forecast's order."""
        forecast = self.forecast
        if forecast is None:
            return
        if subtotal is None:
            rows, title = forecast.officers, "全部单位"
        else:
            unit, county = subtotal["unit"], subtotal["county"]
            rows = [row for row in forecast.officers if row["unit"] == unit and row["county"] == county]
            title = f"{county} {unit}" if forecast.several_counties else unit
        self.officers = rows[:TABLE_ROWS_MAX]
        self.query_one("#forecast-officers-title", Static).update(
            f"{title}：{len(rows):,} 人{shown_note(len(rows))}    回车打开人员档案"
        )
        fill_table(
            self.query_one("#forecast-officers", DataTable),
            _keyed(forecast.officer_columns),
            [_readable(shown(r)) for r in self.officers],
        )

    def selected_id_number(self) -> str | None:
        table = self.query_one("#forecast-officers", DataTable)
        if not self.officers:
            return None
        return self.officers[min(table.cursor_row, len(self.officers) - 1)]["id_number"]
