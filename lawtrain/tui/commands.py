"""The screens of the application, defined once: each feeds an App binding (with its Footer label)
and a command-palette entry."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    mode: str  # the App mode (one screen stack per place)
    key: str
    title: str  # shown in the Footer and the command palette
    help: str  # the command palette's explanation


PLACES: tuple[Place, ...] = (
    Place("officers", "f2", "人员", "执法人员名单：搜索、筛选、排序，打开人员档案"),
    Place(
        "importing", "f3", "导入", "导入花名册、培训学时、考试成绩、考核结果、法律顾问名册；批次历史与撤销"
    ),
    Place("checks", "f4", "合规检查", "学时不足、证件到期、无证执法等清单，导出 Excel"),
    Place("review", "f5", "年审", "按年度审验执法证件：通过/不通过及原因，确认后执行"),
    Place("advisers", "f6", "法律顾问", "法律顾问名册、各单位覆盖情况、即将到期的聘期"),
    Place("stats", "f7", "统计", "各单位持证率、学时达标率、平均学时"),
    Place("autumn", "f8", "督办", "年底前督办：按进度预测学时、逐月到期事项、各单位整改通知及整改情况"),
)
