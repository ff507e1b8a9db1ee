"""Settings: defaults, the shipped file, and errors that name the key."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from lawtrain.cli.main import cli
from lawtrain.settings import Settings, SettingsError, load_settings
from lawtrain.settings_file import EXAMPLE

ROOT = Path(__file__).parent.parent


def test_shipped_settings_file_holds_the_defaults_and_names_no_county():
    shipped = ROOT / "data" / "settings.example.toml"
    assert shipped.read_text(encoding="utf-8") == EXAMPLE.read_text(encoding="utf-8")
    assert load_settings(shipped) == Settings()
    assert (
        Settings().jurisdiction.name == Settings().jurisdiction.bureau == Settings().issuing_authority == ""
    )
    assert "青山" not in EXAMPLE.read_text(encoding="utf-8")


def test_the_clerks_settings_file_is_not_tracked():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert "data/settings.toml" in ignored


def test_missing_file_means_defaults(tmp_path):
    assert load_settings(tmp_path / "none.toml").training.required_hours == 60


def test_a_province_changes_only_what_it_needs(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text("[training]\nrequired_hours = 72\n[certificates]\nvalidity_years = 3\n", encoding="utf-8")
    settings = load_settings(path)
    assert settings.training.required_hours == 72
    assert settings.certificates.validity_years == 3
    assert settings.exam.pass_mark == 60


@pytest.mark.parametrize(
    "content, named",
    [
        ("[training]\nrequired_hours = -5\n", "training.required_hours"),
        ("[training]\nrequired_hourz = 60\n", "training.required_hourz: 未知的设置项"),
        ('[review]\nfailure_status = "罚款"\n', "review.failure_status"),
        ('[certificates]\nnumber_format = "{yy}"\n', "certificates.number_format"),
        ('[certificates]\nnumber_regex = "("\n', "certificates.number_regex"),
        ('[staffing.synonyms]\n"外包" = "外包人员"\n', "staffing.synonyms"),
        ("[training\n", "无法读取"),
        ("[changes.2026.training]\nrequired_hours = -5\n", "changes.2026.training.required_hours: 应大于 0"),
        ("[changes.2026.trainin]\nrequired_hours = 72\n", "changes.2026.trainin: 未知的设置项"),
        (
            "[changes.2026.training]\nrequired_hourz = 72\n",
            "changes.2026.training.required_hourz: 未知的设置项",
        ),
        ("[changes.26.training]\nrequired_hours = 72\n", "changes.26: 年份无效"),
        ('[changes.2026.review]\nfailure_status = "罚款"\n', "changes.2026.review.failure_status"),
        ('[bases.training-hourz]\ntext = "x"\n', "未知的检查项“training-hourz”"),
        ('[bases.training-hours]\ntext = ""\n', "bases.training-hours.text: 不能为空"),
    ],
)
def test_wrong_values_name_the_key(tmp_path, content, named):
    path = tmp_path / "settings.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SettingsError, match="settings.toml") as caught:
        load_settings(path)
    assert named in str(caught.value)


def test_a_wrong_settings_file_stops_the_command_with_the_key(tmp_path):
    (tmp_path / "settings.toml").write_text("[exam]\npass_mark = 160\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["--db", str(tmp_path / "x.db"), "export", "officers", "--out", str(tmp_path / "o.json")]
    )
    assert result.exit_code == 2
    assert "exam.pass_mark" in result.output
    assert "Traceback" not in result.output


def test_changes_take_effect_from_their_year_on(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text(
        "[training]\nrequired_hours = 60\n\n"
        "[changes.2026.training]   # from 2026 on\nrequired_hours = 72\n\n"
        '[changes.2028.training]\nexcluded_categories = ["政治理论"]\n\n'
        '[changes.2028.bases.training-hours]\ndocument = "《新纲要》"\n',
        encoding="utf-8",
    )
    settings = load_settings(path)
    assert [settings.for_year(y).training.required_hours for y in (2024, 2025, 2026, 2027, 2028, 2040)] == [
        60, 60, 72, 72, 72, 72,
    ]  # fmt: skip
    assert settings.for_year(2027).training.excluded_categories == ("政治理论", "党性教育")
    assert settings.for_year(2028).training.excluded_categories == ("政治理论",)
    assert settings.for_year(2028).bases["training-hours"].document == "《新纲要》"
    assert settings.for_year(2028).bases["training-hours"].text == settings.bases["training-hours"].text
    # Whichever year's settings are asked, the answer for another year is the same.
    assert settings.for_year(2030).for_year(2025).training.required_hours == 60
    assert settings.change_years == (2026, 2028)


def test_a_province_replaces_a_basis_field_by_field(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text(
        '[bases.left-post]\ndocument = "《某省行政执法证件管理办法》第二十条"\n', encoding="utf-8"
    )
    bases = load_settings(path).bases
    assert bases["left-post"].document == "《某省行政执法证件管理办法》第二十条"
    assert bases["left-post"].text == Settings().bases["left-post"].text
    assert bases["training-hours"] == Settings().bases["training-hours"]
