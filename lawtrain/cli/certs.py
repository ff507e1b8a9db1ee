"""`lawtrain cert issue|renew|suspend|reinstate|cancel|revoke|history`: the certificate lifecycle."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..vocabulary import CERT_KINDS
from .context import CliContext, fail, pass_cli
from .params import DATE

if TYPE_CHECKING:
    from ..certificates import Certificate

T = TypeVar("T")


_ON = click.option("--date", "on", type=DATE, default=None, help="变更日期 (默认今天)")


def _run(action: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    from ..certificates import CertificateError

    try:
        return action(*args, **kwargs)
    except CertificateError as exc:
        fail(str(exc))


def _describe(cert: Certificate) -> str:
    officer = cert.officer
    until = f"，暂扣至 {cert.suspended_until}" if cert.suspended_until else ""
    return (
        f"{cert.kind} {cert.number}  {officer.name} ({officer.id_number}, {officer.unit})  "
        f"{cert.issued} 至 {cert.expires}  状态: {cert.status}{until}"
    )


@click.group("cert")
def cert_cmd() -> None:
    """行政执法证件: 发证、换证、暂扣、恢复、注销、吊销及变更记录。"""


@cert_cmd.command("issue")
@click.argument("id_number")
@click.option("--kind", type=click.Choice(CERT_KINDS), default="执法证", show_default=True, help="证件种类")
@click.option("--number", default=None, help="证件号码 (默认按设置中的编号规则自动生成)")
@click.option("--authority", default=None, help="发证机关 (默认取设置)")
@click.option("--date", "on", type=DATE, default=None, help="发证日期 (默认今天)")
@pass_cli
def issue_cmd(
    cli: CliContext, id_number: str, kind: str, number: str | None, authority: str | None, on: date | None
) -> None:
    """为考试合格的人员 (身份证号 ID_NUMBER：完整号码，或后 8 位以上尾号) 发证。"""
    from ..certificates import issue

    cert = _run(
        issue, cli.store(), id_number, on or date.today(), kind=kind, number=number, authority=authority
    )
    click.echo(f"已发证: {_describe(cert)}")


@cert_cmd.command("renew")
@click.argument("number")
@_ON
@pass_cli
def renew_cmd(cli: CliContext, number: str, on: date | None) -> None:
    """为证件 NUMBER 换证 (有效期从换证日期起重新计算)。"""
    from ..certificates import renew

    cert = _run(renew, cli.store(), number, on or date.today())
    click.echo(f"已换证: {_describe(cert)}")


@cert_cmd.command("suspend")
@click.argument("number")
@click.option("--reason", required=True, help="暂扣原因")
@click.option("--until", type=DATE, default=None, help="暂扣截止日期 (可不填)")
@_ON
@pass_cli
def suspend_cmd(cli: CliContext, number: str, reason: str, until: date | None, on: date | None) -> None:
    """暂扣证件 NUMBER。"""
    from ..certificates import suspend

    cert = _run(suspend, cli.store(), number, on or date.today(), reason, until)
    click.echo(f"已暂扣: {_describe(cert)}")


@cert_cmd.command("reinstate")
@click.argument("number")
@click.option("--reason", default=None, help="恢复原因 (可不填)")
@_ON
@pass_cli
def reinstate_cmd(cli: CliContext, number: str, reason: str | None, on: date | None) -> None:
    """恢复被暂扣的证件 NUMBER。"""
    from ..certificates import reinstate

    cert = _run(reinstate, cli.store(), number, on or date.today(), reason)
    click.echo(f"已恢复: {_describe(cert)}")


@cert_cmd.command("cancel")
@click.argument("number")
@click.option("--reason", required=True, help="注销原因 (调离、退休、遗失等)")
@_ON
@pass_cli
def cancel_cmd(cli: CliContext, number: str, reason: str, on: date | None) -> None:
    """注销证件 NUMBER。"""
    from ..certificates import cancel

    cert = _run(cancel, cli.store(), number, on or date.today(), reason)
    click.echo(f"已注销: {_describe(cert)}")


@cert_cmd.command("revoke")
@click.argument("number")
@click.option("--reason", required=True, help="吊销原因")
@_ON
@pass_cli
def revoke_cmd(cli: CliContext, number: str, reason: str, on: date | None) -> None:
    """吊销证件 NUMBER (吊销后一定年限内不得重新申领)。"""
    from ..certificates import revoke

    store = cli.store()
    cert = _run(revoke, store, number, on or date.today(), reason)
    years = store.settings.certificates.revocation_bar_years
    click.echo(f"已吊销: {_describe(cert)}；{years} 年内不得重新申领")


@cert_cmd.command("history")
@click.argument("number")
@pass_cli
def history_cmd(cli: CliContext, number: str) -> None:
    """显示证件 NUMBER 的状态变更记录。"""
    from ..certificates import certificate, history

    store = cli.store()
    cert = _run(certificate, store, number)
    click.echo(_describe(cert))
    for event in history(store, number):
        change = f"{event.from_status or '(新证)'} -> {event.to_status}"
        click.echo(
            f"  {event.date}  {change}  {event.reason or ''}  [批次 {event.batch_id}，{event.operator or ''}]"
        )
