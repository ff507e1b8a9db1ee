"""The batch history: every import, edit, review and undo, newest first (no textual here)."""

from __future__ import annotations

import json
from typing import Any

from ...store import Store

KIND_LABELS = {
    "import": "导入",
    "demo": "演示数据",
    "edit": "修改",
    "cert": "证件",
    "review": "年审",
    "undo": "撤销",
}
COUNT_LABELS = {
    "rows": "行", "inserted": "新增", "updated": "更新", "unchanged": "未变", "skipped": "跳过",
    "rejected": "有问题", "reverted": "撤销改动", "certificates": "证件", "events": "证件变更",
}  # fmt: skip


def describe_counts(summary: str | None) -> str:
    counts = json.loads(summary) if summary else {}
    return "，".join(f"{COUNT_LABELS.get(key, key)} {value}" for key, value in counts.items())


def batch_history(store: Store, limit: int = 500) -> list[dict[str, Any]]:
    cursor = store.db.execute(
        "SELECT id, started_at, kind, source, operator, summary, undone_by, undoes FROM batches ORDER BY id DESC LIMIT ?",
        [limit],
    )
    rows = []
    for bid, started, kind, source, operator, summary, undone_by, undoes in cursor:
        state = f"已被批次 {undone_by} 撤销" if undone_by else (f"撤销了批次 {undoes}" if undoes else "")
        rows.append({
            "id": bid, "started_at": started, "kind": KIND_LABELS.get(kind, kind), "source": source,
            "operator": operator, "summary": describe_counts(summary), "state": state,
        })  # fmt: skip
    return rows
