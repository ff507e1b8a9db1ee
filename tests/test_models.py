"""The validation models every record passes through, with the messages a clerk reads."""

from datetime import date

import pytest
from pydantic import ValidationError

from lawtrain.models import AdviserIn, AppraisalIn, CertificateIn, ExamIn, OfficerIn, TrainingIn
from lawtrain.settings import Settings, Staffing


def errors(model, data, settings=None):
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data, context={"settings": settings or Settings()})
    return {err["loc"][0] if err["loc"] else "": err["msg"] for err in caught.value.errors()}


ROSTER_ROW = {"id_number": "410402790702832", "name": "廖  宁波", "unit": "青山县市场监督管理局",
              "staffing": "参照公务员法管理事业编制", "status": "在职", "cert_number": "410421000008",
              "cert_issued": "20210618", "cert_expires": "2026年6月17日"}  # fmt: skip


def test_roster_row_is_cleaned_and_derived():
    officer = OfficerIn.model_validate(ROSTER_ROW)
    assert officer.id_number == "410402197907028320"
    assert officer.id_was_fifteen
    assert officer.name == "廖宁波"
    assert officer.staffing == "参公事业编制"
    assert officer.status == "在岗"
    assert officer.sex == "女" and officer.birth_date == date(1979, 7, 2)  # sequence 832: even
    assert (officer.cert_issued, officer.cert_expires) == (date(2021, 6, 18), date(2026, 6, 17))


def test_missing_expiry_defaults_to_the_validity_from_settings():
    row = {**ROSTER_ROW, "cert_expires": ""}
    assert OfficerIn.model_validate(row).cert_expires == date(2026, 6, 17)
    three_years = Settings.model_validate({"certificates": {"validity_years": 3}})
    officer = OfficerIn.model_validate(row, context={"settings": three_years})
    assert officer.cert_expires == date(2024, 6, 17)


def test_each_bad_field_gets_its_own_plain_message():
    found = errors(
        OfficerIn, {"id_number": 4.104221983040454e17, "name": "", "unit": "x", "staffing": "外包"}
    )
    assert "文本格式" in found["id_number"]
    assert "姓名不能为空" in found["name"]
    assert "人员性质“外包”无法识别" in found["staffing"]


def test_staffing_spellings_come_from_settings():
    settings = Settings(staffing=Staffing(synonyms={"外包": "劳务派遣"}))
    officer = OfficerIn.model_validate({**ROSTER_ROW, "staffing": "外包"}, context={"settings": settings})
    assert officer.staffing == "劳务派遣"


def test_certificate_dates_must_make_sense():
    found = errors(OfficerIn, {**ROSTER_ROW, "cert_expires": "2020-01-01"})
    assert "早于发证日期" in found[""]
    found = errors(CertificateIn, {"id_number": "410402198010047038", "number": "X1", "issued": ""})
    assert "issued" in found


def test_certificate_number_pattern_is_a_province_setting():
    settings = Settings.model_validate({"certificates": {"number_regex": r"\d{12}"}})
    found = errors(CertificateIn, {"id_number": "410402198010047038", "number": "AB12", "issued": "2024-01-01"},
                   settings)  # fmt: skip
    assert "不符合本省格式" in found[""]


def test_training_record_hours_and_date():
    record = TrainingIn.model_validate({"id_number": "410402198010047038", "course": "行政处罚法解读",
                                        "hours": "4学时", "date": "2025.12.24", "mode": "网络"})  # fmt: skip
    assert (record.hours, record.date, record.mode) == (4.0, date(2025, 12, 24), "线上")
    found = errors(
        TrainingIn, {"id_number": "410402198010047038", "course": "c", "hours": "abc", "date": "2025-13-45"}
    )
    assert "学时应为数字" in found["hours"] and "不是存在的日期" in found["date"]


def test_hours_limit_is_a_setting():
    settings = Settings.model_validate({"training": {"max_hours_per_record": 40}})
    row = {"id_number": "410402198010047038", "course": "脱产培训", "hours": 32, "date": "2025-05-01"}
    assert TrainingIn.model_validate(row, context={"settings": settings}).hours == 32
    assert "不超过24" in errors(TrainingIn, row)["hours"]


def test_exam_absent_and_parts():
    exam = ExamIn.model_validate({"id_number": "410402198010047038", "exam_name": "2025年度行政执法资格考试",
                                  "part": "通用法律知识", "date": "2025-10-18", "score": "缺考"})  # fmt: skip
    assert (exam.part, exam.absent, exam.score) == ("通用", True, None)
    found = errors(ExamIn, {"id_number": "410402198010047038", "exam_name": "x", "part": "综合", "date": "2025-10-18",
                            "score": 70})  # fmt: skip
    assert "考试科目“综合”无法识别" in found["part"]


def test_appraisal_year_forms():
    for year in (2025, "2025", "2025年度"):
        appraisal = AppraisalIn.model_validate(
            {"id_number": "410402198010047038", "year": year, "grade": "不称职"}
        )
        assert appraisal.year == 2025 and appraisal.grade == "不称职"


def test_adviser_term_and_licence_soft_check():
    adviser = AdviserIn.model_validate({"name": "万琪文", "kind": "公职律师", "licence": "14104201561961290",
                                        "unit": "青山县交通运输局", "term_start": "2025.01.01",
                                        "term_end": "2026年12月31日"})  # fmt: skip
    assert adviser.term_end == date(2026, 12, 31)
    assert adviser.licence_warning() is None
    odd = adviser.model_copy(update={"licence": "14104201511961290"})
    assert "第10位通常为6" in odd.licence_warning()
    found = errors(AdviserIn, {"name": "甲", "kind": "外聘律师", "unit": "u", "term_start": "2026-01-01",
                               "term_end": "2025-01-01"})  # fmt: skip
    assert "早于聘期起" in found[""]
