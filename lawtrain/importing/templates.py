"""Blank import templates, one per kind: the header row clerks fill in, ID-like columns formatted as
text (so Excel cannot turn an ID number into 4.10402E+17), and a sheet of filling notes."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from ..exporting.tables import display_width

TEMPLATE_FILES = {
    "officers": "执法人员花名册模板.xlsx",
    "training": "培训学时模板.xlsx",
    "exams": "考试成绩模板.xlsx",
    "appraisals": "年度考核模板.xlsx",
    "advisers": "法律顾问名册模板.xlsx",
}

TEMPLATE_HEADERS = {
    "officers": (
        "序号", "姓名", "身份证号码", "工作单位", "职务", "人员性质", "人员状态", "是否负责人", "联系电话",
        "执法证号", "证件种类", "发证日期", "有效期至", "发证机关", "证件状态",
    ),
    "training": ("序号", "姓名", "身份证号码", "课程名称", "课程类别", "学时", "培训日期", "培训方式"),
    "exams": ("序号", "姓名", "身份证号码", "考试名称", "考试科目", "考试日期", "成绩"),
    "appraisals": ("序号", "姓名", "身份证号码", "考核年度", "考核等次"),
    "advisers": (
        "序号", "姓名", "类别", "执业证号", "执业机构", "服务单位", "聘期起", "聘期止", "联系电话", "年度评价",
    ),
}  # fmt: skip

_TEXT_COLUMNS = {"身份证号码", "执法证号", "执业证号", "联系电话"}
_TEXT_ROWS = 2000

NOTES = {
    "officers": [
        "一人一行；身份证号码填18位(旧式15位也可)，本列已设为文本格式，请勿改成数字。",
        "性别、出生日期由身份证号码自动得出，不必填写。",
        "人员性质: 行政编制、参公事业编制、事业编制、工勤、合同工、临时工、劳务派遣、借调、公益性岗位、辅助人员。",
        "人员状态: 在岗、调离、退休、辞职、死亡。是否负责人: 是/否。",
        "有执法证的填写执法证号和发证日期；有效期至不填时按发证日期起算5年。证件种类: 执法证/监督证。",
    ],
    "training": [
        "一条培训记录一行: 身份证号码、课程名称、培训日期相同的记录视为同一条，重复导入不会重复计算。",
        "学时为大于0的数字(可写 4、4.5 或 4学时)；日期可写 2025-03-15、2025/3/15、2025年3月15日。",
        "课程类别为政治理论、党性教育的学时不计入每年60学时的业务知识和法律法规培训。",
        "培训方式: 线上、线下、脱产(可不填)。人员须已在花名册中。",
    ],
    "exams": [
        "每人每个科目一行；考试科目: 通用法律知识 或 专门法律知识。",
        "成绩为0到100的数字，缺考填“缺考”。人员须已在花名册中。",
    ],
    "appraisals": [
        "每人每年一行；考核年度可写 2025 或 2025年度。",
        "考核等次: 优秀、称职、基本称职、不称职。人员须已在花名册中。",
    ],
    "advisers": [
        "每位顾问每个服务单位每个聘期一行；服务单位写全称，新单位会自动建立。",
        "类别: 外聘律师、法学专家、公职律师、法制机构人员。执业证号为17位数字。",
        "年度评价: 优秀、合格、基本合格、不合格(可不填)。",
    ],
}


def write_template(kind: str, path: Path) -> Path:
    """Write the blank template of `kind` to `path`."""
    headers = TEMPLATE_HEADERS[kind]
    wb = Workbook()
    ws = wb.active
    ws.title = "填写区"
    ws.append(list(headers))
    for i, header in enumerate(headers, start=1):
        cell = ws.cell(1, i)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = max(
            display_width(header) + 4, 20 if header in _TEXT_COLUMNS else 10
        )
        if header in _TEXT_COLUMNS:
            for row in range(2, _TEXT_ROWS + 2):
                ws.cell(row, i).number_format = "@"
    ws.freeze_panes = "A2"
    notes = wb.create_sheet("填表说明")
    for line in NOTES[kind]:
        notes.append([line])
    notes.column_dimensions["A"].width = 100
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def write_templates(folder: Path) -> list[Path]:
    """Every template into `folder`."""
    return [write_template(kind, folder / name) for kind, name in TEMPLATE_FILES.items()]
