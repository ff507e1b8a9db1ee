"""`lawtrain setup`: the jurisdiction the register belongs to, written into the settings beside it."""

from __future__ import annotations

import click

from ..settings import SettingsError, settings_path_for
from ..settings_file import JURISDICTION_FIELDS, set_jurisdiction
from .context import CliContext, fail, pass_cli


@click.command("setup")
@click.option("--name", metavar="NAME", help="县（市、区）名称，如 石门县")
@click.option("--bureau", metavar="NAME", help="司法局名称，如 石门县司法局")
@click.option("--authority", metavar="NAME", help="发证机关，如 石门县人民政府")
@click.option("--province", metavar="NAME", help="省份，如 河南省")
@click.option("--contact", metavar="TEXT", help="通知书上的联系人及电话，如 “法制股 张三 0371-12345678”")
@pass_cli
def setup_cmd(cli: CliContext, **values: str | None) -> None:
    """设置登记簿所属的辖区，写入数据库旁的 settings.toml (没有时按默认设置新建)。

    只修改给出的项，其余设置和注释保持不变；不给任何选项时显示当前设置。"""
    path = settings_path_for(cli.db_path)
    if all(value is None for value in values.values()):
        jurisdiction = cli.settings().jurisdiction
    else:
        try:
            jurisdiction = set_jurisdiction(path, values).jurisdiction
        except SettingsError as exc:
            fail(str(exc))
        click.echo(f"已写入 {path}")
    for key, (label, _) in JURISDICTION_FIELDS.items():
        click.echo(f"  {label}: {getattr(jurisdiction, key) or '（未设置）'}")
