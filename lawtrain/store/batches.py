"""The batch history: every import, edit, certificate change, review and undo, newest first."""

from __future__ import annotations

import json
from typing import Any

from .database import Store

KIND_LABELS = {
    "import": "导入",
    "demo": "演示数据",
    "edit": "修改",
    "cert": "证件",
    "review": "年审",
    "undo": "撤销",
    "rollup": "汇总区县",
    "notice": "整改通知",
}
COUNT_LABELS = {
    "rows": "行", "inserted": "新增", "updated": "更新", "unchanged": "未变", "skipped": "跳过",
    "rejected": "拒绝", "reverted": "还原", "certificates": "证件", "events": "证件变更", "reviews": "年审",
    "deleted": "删除", "transfers": "调动", "conflicts": "冲突",
    "notices": "通知", "findings": "事项",
}  # fmt: skip
_ORDER = {key: position for position, key in enumerate(COUNT_LABELS)}


def describe_counts(counts: dict[str, Any]) -> str:
    """A batch's counts as the clerk reads them (新增 1,000，更新 2 …); words other than counts left out."""
    numbers = [(key, value) for key, value in counts.items() if isinstance(value, int)]
    ordered = sorted(
        numbers, key=lambda item: list(COUNT_LABELS).index(item[0]) if item[0] in COUNT_LABELS else 99
    )
    return "，".join(f"{COUNT_LABELS.get(key, key)} {value:,}" for key, value in ordered)


def batch_history(store: Store, limit: int = 500) -> list[dict[str, Any]]:
    """The latest batches: id, started_at, kind, source, operator, counts (a dict), undone_by, undoes
    and state (which batch undid it, or which it undid)."""
    cursor = store.db.execute(
        "SELECT id, started_at, kind, source, operator, summary, undone_by, undoes FROM batches "
        "ORDER BY id DESC LIMIT ?",
        [limit],
    )
    rows = []
    for bid, started, kind, source, operator, summary, undone_by, undoes in cursor:
        state = f"已被批次 {undone_by} 撤销" if undone_by else (f"撤销了批次 {undoes}" if undoes else "")
        rows.append({
            "id": bid, "started_at": started, "kind": kind, "source": source, "operator": operator,
            "counts": json.loads(summary) if summary else {}, "undone_by": undone_by, "undoes": undoes,
            "state": state,
        })  # fmt: skip
    return rows
