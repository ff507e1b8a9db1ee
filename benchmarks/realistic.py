"""Benchmark inputs as units and the training platform really send them (deterministic by seed).

The roster: a merged title row and a 填报单位 row above the header; 300 units with their full, long
names; real-looking names, now and then padded ("张  三", "张　三") or a minority name with its middle
dot; ID numbers mostly as typed, some with a lower-case x, full-width digits or spaces, a few in the
legacy 15-digit form; staffing and status under their synonyms; certificate columns filled for most
officers, their dates in every form of the domain notes (date cells, Excel serials, 2021-03-15,
2021-3-15, 2021/03/15, 2021.3.15, 2021年3月15日, 20210315 as text and as a number, full-width digits
now and then); birth months as rosters write them (1985.03, 198503, 1985年3月); phone numbers as text,
as numbers and as landlines; a 填表说明 row at the end.

The training export: a title row as the platform writes it, then per-course rows (序号, name, ID
number, unit, course, category, hours, date) over the roster's officers: hours as numbers and as text
("4", "4.5", "4学时", "３学时", full-width digits), dates mixed as above, political-theory and
party-education courses among the rest, and the odd record exported twice.

Every row is valid: the figures are about reading, cleaning and writing, not about the error workbook.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path

_FULL = str.maketrans("0123456789", "０１２３４５６７８９")
_EPOCH = date(1899, 12, 30)

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红丹玲萍鹏辉斌宇浩凯健俊帆帅旭宁波"
    "晨阳博文昊天思远子涵梓轩一鸣雨欣海燕玉梅春花晓东立新卫东红梅建华小龙金凤振华德明永强"
)
MINORITY = ("阿依古丽·买买提", "买买提·艾力", "古丽娜尔·吐尔逊", "热依拉·阿不都", "艾尔肯·吾甫尔")

# (city, the first four digits of its ID numbers, its districts and counties)
CITIES = (
    ("郑州市", "4101", ("中原区", "金水区", "二七区", "新郑市", "登封市", "中牟县")),
    ("开封市", "4102", ("龙亭区", "祥符区", "兰考县", "杞县", "通许县", "尉氏县")),
    ("洛阳市", "4103", ("西工区", "偃师区", "孟津区", "宜阳县", "嵩县", "栾川县")),
    ("平顶山市", "4104", ("新华区", "卫东区", "叶县", "鲁山县", "宝丰县", "郏县")),
    ("安阳市", "4105", ("文峰区", "殷都区", "林州市", "汤阴县", "滑县", "内黄县")),
    ("鹤壁市", "4106", ("淇滨区", "山城区", "浚县", "淇县")),
    ("新乡市", "4107", ("红旗区", "卫滨区", "长垣市", "辉县市", "获嘉县", "原阳县")),
    ("焦作市", "4108", ("解放区", "山阳区", "修武县", "博爱县", "武陟县", "温县")),
    ("濮阳市", "4109", ("华龙区", "清丰县", "南乐县", "范县", "台前县")),
    ("许昌市", "4110", ("魏都区", "建安区", "禹州市", "长葛市", "鄢陵县", "襄城县")),
)
DEPARTMENTS = (
    "市场监督管理局", "综合行政执法局", "生态环境分局", "自然资源和规划局", "交通运输局", "农业农村局",
    "卫生健康委员会", "应急管理局", "文化广电和旅游局", "住房和城乡建设局", "水利局", "人力资源和社会保障局",
    "城市管理局", "商务局",
)  # fmt: skip
TOWNS = ("城关镇", "东关镇", "白沙镇", "石桥乡", "柳林镇", "高庙乡", "新集镇", "龙泉街道办事处")
POSITIONS = ("科员", "执法队员", "一级科员", "四级主任科员", "二级主任科员", "副科长", "科长", "中队长",
             "副大队长", "副局长")  # fmt: skip
STAFFING = (("行政编制", 50), ("参公事业编制", 18), ("参照公务员法管理事业编制", 8), ("事业编制", 16),
            ("参公", 3), ("行政", 3), ("工勤", 1), ("合同工", 1))  # fmt: skip
STATUS = (("在岗", 88), ("在职", 6), ("调离", 3), ("退休", 2), ("调出", 1))
CERT_STATUS = (("有效", 90), ("正常", 6), ("暂扣", 2), ("注销", 2))
CERT_KIND = (("执法证", 80), ("行政执法证", 14), ("监督证", 6))
COURSES = (
    "行政处罚法解读", "行政许可法实务", "行政强制法专题", "证据收集与固定", "执法文书制作", "民法典与行政执法",
    "行政复议法(2023修订)", "行政诉讼典型案例", "重大执法决定法制审核", "安全生产法", "城市管理执法规范",
    "市场监管执法实务", "优化营商环境条例", "习近平法治思想学习纲要", "党章党规学习", "执法全过程记录",
    "行政执法公示制度", "食品安全法", "生态环境保护法律制度", "数据安全法", "个人信息保护法", "档案法",
)  # fmt: skip
CATEGORIES = (("法律法规", 26), ("业务知识", 22), ("通用法律知识", 14), ("专门法律知识", 12),
              ("新法律法规", 6), ("执法技能", 5), ("政治理论", 9), ("党性教育", 6))  # fmt: skip
ROSTER_HEADER = ("序号", "姓名", "性别", "出生年月", "身份证号码", "工作单位", "职务", "人员性质", "人员状态",
                 "执法证号", "证件种类", "发证日期", "有效期至", "发证机关", "证件状态", "联系电话", "备注")  # fmt: skip
TRAINING_HEADER = ("序号", "姓名", "身份证号", "所在单位", "课程名称", "课程类别", "学时", "完成时间")


def _weighted(pairs: tuple[tuple[str, int], ...]) -> tuple[list[str], list[int]]:
    return [p[0] for p in pairs], [p[1] for p in pairs]


def units(count: int = 300) -> list[str]:
    """`count` distinct unit names as a province's register holds them (department or township of a
    county of a city)."""
    rng = random.Random(11)
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        city, _, counties = rng.choice(CITIES)
        county = rng.choice(counties)
        if rng.random() < 0.75:
            name = f"{city}{county}{rng.choice(DEPARTMENTS)}"
        else:
            town = rng.choice(TOWNS)
            name = f"{city}{county}{town}" + ("" if town.endswith("办事处") else "人民政府")
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def unit_picker(rng: random.Random, names: list[str]):
    """A function drawing unit names, a few large units and many small ones."""
    weights = [1 / (k + 10) for k in range(len(names))]
    return lambda: rng.choices(names, weights)[0]


def _check_char(body: str) -> str:
    from lawtrain.idcard import check_char

    return check_char(body)


def people(count: int, seed: int = 7) -> list[tuple[str, str, date, str]]:
    """(18-digit ID number, name, birth date, unit) of `count` distinct officers."""
    rng = random.Random(seed)
    unit = unit_picker(rng, units())
    seen: set[str] = set()
    out = []
    while len(out) < count:
        born = date(1962, 1, 1) + timedelta(days=rng.randrange(0, 13500))
        area = rng.choice(CITIES)[1] + f"{rng.randrange(1, 30):02d}"
        body = f"{area}{born:%Y%m%d}{rng.randrange(0, 1000):03d}"
        number = body + _check_char(body)
        if number in seen:
            continue
        seen.add(number)
        if rng.random() < 0.002:
            name = rng.choice(MINORITY)
        else:
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        out.append((number, name, born, unit()))
    return out


def _excel_serial(day: date) -> int:
    return (day - _EPOCH).days


def a_date(rng: random.Random, day: date) -> object:
    """A date in one of the forms clerks' sheets hold (cell value as xlsxwriter writes it)."""
    form = rng.randrange(100)
    if form < 22:
        return datetime(day.year, day.month, day.day)  # a real date cell
    if form < 30:
        return _excel_serial(day)  # a number: a date cell whose format was lost
    if form < 46:
        return day.isoformat()
    if form < 56:
        return f"{day.year}-{day.month}-{day.day}"
    if form < 66:
        return f"{day:%Y/%m/%d}"
    if form < 76:
        return f"{day.year}.{day.month}.{day.day}"
    if form < 86:
        return f"{day.year}年{day.month}月{day.day}日"
    if form < 93:
        return f"{day:%Y%m%d}"
    if form < 96:
        return int(f"{day:%Y%m%d}")  # 20210315 typed into a number cell
    return (
        day.isoformat().translate(_FULL)
        if form < 98
        else f"{day.year}年{day.month}月{day.day}日".translate(_FULL)
    )


def _birth_month(rng: random.Random, born: date) -> str:
    form = rng.randrange(4)
    return (f"{born.year}.{born.month:02d}", f"{born.year}{born.month:02d}", f"{born.year}年{born.month}月",
            f"{born.year}-{born.month:02d}")[form]  # fmt: skip


def _id_as_typed(rng: random.Random, number: str) -> str:
    roll = rng.randrange(1000)
    if roll < 3:  # the legacy 15-digit form (its century and check character dropped)
        if number[6:8] == "19":
            return number[:6] + number[8:17]
    if roll < 8:
        return number.translate(_FULL)
    if roll < 12:
        return f"{number[:6]} {number[6:14]} {number[14:]}"
    if roll < 20 and number.endswith("X"):
        return number[:-1] + "x"
    return number


def _padded(rng: random.Random, name: str) -> str:
    if len(name) == 2 and rng.random() < 0.1:
        return name[0] + rng.choice(("  ", "\u3000", " ")) + name[1]
    if rng.random() < 0.01:
        return f" {name} "
    return name


def _phone(rng: random.Random) -> object:
    mobile = f"1{rng.choice('35789')}{rng.randrange(0, 10)}{rng.randrange(0, 10**8):08d}"
    roll = rng.randrange(100)
    if roll < 65:
        return mobile
    if roll < 85:
        return int(mobile)  # typed into a number cell
    if roll < 92:
        return f"0{rng.randrange(371, 399)}-{rng.randrange(2000000, 9999999)}"
    if roll < 95:
        return mobile.translate(_FULL)
    return ""


def write_roster(path: Path, rows: int, seed: int = 1) -> list[tuple[str, str, date, str]]:
    """A province roster of `rows` officers; returns the people it holds (ID number, name, birth, unit)."""
    import xlsxwriter

    rng = random.Random(seed)
    staffing, staffing_w = _weighted(STAFFING)
    status, status_w = _weighted(STATUS)
    cert_status, cert_status_w = _weighted(CERT_STATUS)
    cert_kind, cert_kind_w = _weighted(CERT_KIND)
    everyone = people(rows)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("执法人员")
    dated = book.add_format({"num_format": "yyyy-mm-dd"})
    width = len(ROSTER_HEADER)
    sheet.merge_range(0, 0, 0, width - 1, "河南省行政执法人员信息登记表")
    sheet.write_row(1, 0, ["填报单位(盖章):河南省司法厅", *[""] * 10, "填报日期:2025年12月20日"])
    sheet.write_row(2, 0, ROSTER_HEADER)
    for i, (number, name, born, where) in enumerate(everyone, start=1):
        row: list[object] = [
            i, _padded(rng, name), "男" if int(number[16]) % 2 else "女", _birth_month(rng, born),
            _id_as_typed(rng, number), where, rng.choice(POSITIONS), rng.choices(staffing, staffing_w)[0],
            rng.choices(status, status_w)[0],
        ]  # fmt: skip
        if rng.random() < 0.9:
            issued = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 2500))
            expires = issued.replace(year=issued.year + 5) - timedelta(days=1) if issued.month != 2 else None
            row += [
                f"41{rng.randrange(0, 100):02d}{issued:%y}{i:08d}", rng.choices(cert_kind, cert_kind_w)[0],
                a_date(rng, issued), a_date(rng, expires) if expires and rng.random() < 0.8 else "",
                rng.choice(("河南省人民政府", f"{where[:3]}人民政府")),
                rng.choices(cert_status, cert_status_w)[0],
            ]  # fmt: skip
        else:
            row += ["", "", "", "", "", ""]
        row += [_phone(rng), "" if rng.random() < 0.95 else rng.choice(("借调至市局", "新录用", "军转干部"))]
        for column, value in enumerate(row):
            if isinstance(value, datetime):
                sheet.write_datetime(i + 2, column, value, dated)
            elif value != "":
                sheet.write(i + 2, column, value)
    sheet.write(rows + 3, 0, "填表说明: 1. 身份证号码请以文本格式填写；2. 日期请写成 2025-03-15 的形式。")
    book.close()
    return everyone


def write_training(path: Path, rows: int, everyone: list[tuple[str, str, date, str]], year: int = 2025,
                   seed: int = 2) -> None:  # fmt: skip
    """A training platform export: `rows` data rows under a title row and the header, cycling through
    the officers of `everyone` in a shuffled order, dated in `year`."""
    import xlsxwriter

    rng = random.Random(seed)
    categories, category_w = _weighted(CATEGORIES)
    order = list(range(len(everyone)))
    rng.shuffle(order)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("学时明细")
    dated = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.merge_range(0, 0, 0, len(TRAINING_HEADER) - 1, f"{year}年度行政执法人员网上培训学时明细")
    sheet.write_row(1, 0, TRAINING_HEADER)
    start = date(year, 1, 1)
    officers = len(everyone)
    excel_row = 2
    previous: list[object] | None = None
    for i in range(rows):
        if previous is not None and rng.random() < 0.004:  # the same record exported twice
            row = [i + 1, *previous[1:]]
        else:
            who = order[i % officers]
            number, name, _, where = everyone[who]
            # The n-th course of an officer is a different one for each n: no two records share a key.
            course = COURSES[(who + 5 * (i // officers)) % len(COURSES)]
            hours = rng.choice((2, 2, 3, 3, 4, 4, 4, 6, 8, 1.5, 2.5))
            shown: object
            roll = rng.randrange(100)
            if roll < 60:
                shown = float(hours)
            elif roll < 75:
                shown = f"{hours:g}"
            elif roll < 88:
                shown = f"{hours:g}学时"
            elif roll < 94:
                shown = f"{hours:g}".translate(_FULL)
            else:
                shown = f"{hours:g}".translate(_FULL) + "学时"
            number = number[:-1] + "x" if number.endswith("X") and rng.random() < 0.2 else number
            day = a_date(rng, start + timedelta(days=rng.randrange(0, 365)))
            category = rng.choices(categories, category_w)[0]
            row = [i + 1, _padded(rng, name), number, where, course, category, shown, day]
        previous = row
        for column, value in enumerate(row):
            if isinstance(value, datetime):
                sheet.write_datetime(excel_row, column, value, dated)
            else:
                sheet.write(excel_row, column, value)
        excel_row += 1
    book.close()
