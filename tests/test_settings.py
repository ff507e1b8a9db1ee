"""Settings: defaults, the shipped file, and errors that name the key."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from lawtrain.cli.main import cli
from lawtrain.settings import Settings, SettingsError, load_settings

ROOT = Path(__file__).parent.parent


def test_shipped_settings_file_holds_the_defaults():
    assert load_settings(ROOT / "data" / "settings.toml") == Settings()


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
    assert result.exit_code == 1
    assert "exam.pass_mark" in result.output
    assert "Traceback" not in result.output
