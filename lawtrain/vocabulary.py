"""The fixed words of the register (nationwide terms) and the spellings met for each.

Rules that vary by province live in settings; these are the names themselves.
"""

from __future__ import annotations

IN_POST = "在岗"
STATUSES = ("在岗", "调离", "退休", "辞职", "死亡")
STATUS_SYNONYMS = {
    "在职": "在岗",
    "在编在岗": "在岗",
    "正常": "在岗",
    "调出": "调离",
    "调走": "调离",
    "离岗": "调离",
    "已退休": "退休",
    "离退休": "退休",
    "离职": "辞职",
    "辞退": "辞职",
    "去世": "死亡",
    "病故": "死亡",
}

CERT_KINDS = ("执法证", "监督证")
CERT_KIND_SYNONYMS = {
    "行政执法证": "执法证",
    "执法证件": "执法证",
    "行政执法监督证": "监督证",
    "监督检查证": "监督证",
}
CERT_VALID = "有效"
CERT_STATUSES = ("有效", "暂扣", "注销", "吊销")
CERT_STATUS_SYNONYMS = {"正常": "有效", "暂停": "暂扣", "收回": "注销", "作废": "注销", "撤销": "吊销"}

GRADES = ("优秀", "称职", "基本称职", "不称职")
GRADE_SYNONYMS = {"合格": "称职", "不合格": "不称职", "良好": "称职"}
FAILING_GRADE = "不称职"

EXAM_PARTS = ("通用", "专门")
EXAM_PART_SYNONYMS = {
    "通用法律知识": "通用",
    "公共法律知识": "通用",
    "通用法律": "通用",
    "专门法律知识": "专门",
    "专业法律知识": "专门",
    "专门法律": "专门",
}
ABSENT_WORDS = ("缺考", "缺席", "未参加", "未考")

TRAINING_MODES = ("线上", "线下", "脱产")
TRAINING_MODE_SYNONYMS = {
    "网络": "线上",
    "网上": "线上",
    "在线": "线上",
    "面授": "线下",
    "集中": "线下",
    "脱产培训": "脱产",
}

ADVISER_KINDS = ("外聘律师", "法学专家", "公职律师", "法制机构人员")
ADVISER_KIND_SYNONYMS = {
    "律师": "外聘律师",
    "社会律师": "外聘律师",
    "专家": "法学专家",
    "法制审核人员": "法制机构人员",
}
EVALUATIONS = ("优秀", "合格", "基本合格", "不合格")

TRUE_WORDS = ("是", "Y", "YES", "TRUE", "1", "√", "✓", "有")
FALSE_WORDS = ("否", "N", "NO", "FALSE", "0", "", "无")


def canonical(raw: str, choices: tuple[str, ...], synonyms: dict[str, str]) -> str | None:
    """The canonical word for a spelling, or None when unknown."""
    if raw in choices:
        return raw
    return synonyms.get(raw)
