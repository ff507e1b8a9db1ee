"""The legal basis (依据) of each check, as printed on every list sent upward: a sentence quoted
verbatim and the document that holds it, with its issuing body and number where known.

These are the defaults; every one is a setting (`[bases.NAME] text = "…" document = "…"`), because
each province cites its own implementing documents. A wrong citation discredits the whole list, so
nothing here paraphrases: where no national text exists (the certificate lists), the default quotes a
provincial measure (Henan's) that a province replaces with its own.
"""

from __future__ import annotations

# The documents, as cited.
OUTLINE_2021 = "《法治政府建设实施纲要（2021—2025年）》（中共中央、国务院，2021年8月）"
JILIN_PLAN = "《吉林市法治政府建设实施方案（2021—2025年）》（吉市发〔2022〕7号）"
PENALTY_LAW_42 = "《中华人民共和国行政处罚法》（2021年修订）第四十二条"
ADVISERS_OPINION = (
    "《关于推行法律顾问制度和公职律师公司律师制度的意见》（中共中央办公厅、国务院办公厅，2016年）"
)
HENAN_CERTIFICATES_4 = "《河南省行政执法证件管理办法》（河南省人民政府令第180号，2017年）第四条"

# The sentences, verbatim.
TRAINING_SENTENCE = (
    "在完成政治理论教育和党性教育学时的基础上，确保每人每年接受不少于60学时的业务知识和法律法规培训"
)
STAFFING_SENTENCE = "禁止合同工、临时工和公益性岗位的人员参与执法"
QUALIFIED_SENTENCE = "行政处罚应当由具有行政执法资格的执法人员实施。执法人员不得少于两人，法律另有规定的除外"
HEADS_SENTENCE = "市、县(市)区政府承担行政执法职能的部门负责人任期内至少接受1次法治专题脱产培训"
ADVISERS_SENTENCE = "建立县委、县政府和乡镇政府全覆盖的法律顾问制度"
CERTIFICATE_SENTENCE = (
    "行政执法机关、依法受委托行使行政执法职权的行政机关或者组织的行政执法人员从事行政执法工作，"
    "应当取得《河南省行政执法证》。"
)

# check name -> (text, document)
DEFAULT_BASES: dict[str, tuple[str, str]] = {
    "training-hours": (TRAINING_SENTENCE, OUTLINE_2021),
    "cert-expiring": (CERTIFICATE_SENTENCE, HENAN_CERTIFICATES_4),
    "cert-expired": (CERTIFICATE_SENTENCE, HENAN_CERTIFICATES_4),
    "uncertified": (QUALIFIED_SENTENCE, PENALTY_LAW_42),
    "ineligible-staffing": (STAFFING_SENTENCE, f"{JILIN_PLAN}第25条"),
    "left-post": (CERTIFICATE_SENTENCE, HENAN_CERTIFICATES_4),
    "unit-min-holders": (QUALIFIED_SENTENCE, PENALTY_LAW_42),
    "exam-passed-uncertified": (CERTIFICATE_SENTENCE, HENAN_CERTIFICATES_4),
    "review-missing": (CERTIFICATE_SENTENCE, HENAN_CERTIFICATES_4),
    "head-training": (HEADS_SENTENCE, f"{JILIN_PLAN}第50条"),
    "adviser-coverage": (ADVISERS_SENTENCE, ADVISERS_OPINION),
    "adviser-expiring": (ADVISERS_SENTENCE, ADVISERS_OPINION),
}
