"""`inputdesk user …` and the staff exports from the command line."""

from __future__ import annotations

import re

import pyotp
from typer.testing import CliRunner

from inputdesk.cli.main import app
from inputdesk.services.calls import ensure_seed_call

from staff_world import make_pdf

runner = CliRunner()


def test_the_first_admin_gets_a_password_and_a_totp_set_up_that_signs_in(tmp_path):
    data = ["--data-dir", str(tmp_path / "data")]
    result = runner.invoke(app, ["user", "add", "ada", "--role", "admin", "--display-name", "Ada L.", *data])
    assert result.exit_code == 0, result.output
    password = re.search(r"password: (\S+)", result.output).group(1)
    secret = re.search(r"secret \(TOTP.*\): ([A-Z2-7]+)", result.output).group(1)
    assert f"otpauth://totp/InputDesk:ada?secret={secret}&issuer=InputDesk" in result.output
    assert runner.invoke(app, ["user", "add", "ada", "--role", "analyst", *data]).exit_code == 1
    assert runner.invoke(app, ["user", "add", "x", "--role", "admin", "--no-totp", *data]).exit_code == 1

    from inputdesk.bootstrap import build_app
    from inputdesk.bootstrap_staff import accounts_service
    from inputdesk.config import Settings

    with build_app(Settings(data_dir=tmp_path / "data", sandbox=False)) as application:
        user, _ = accounts_service(application).sign_in("ada", password, pyotp.TOTP(secret).now())
    assert user.display_name == "Ada L."
    listing = runner.invoke(app, ["user", "list", *data]).output
    assert "ada" in listing and "admin" in listing and "yes" in listing and password not in listing

    assert runner.invoke(app, ["user", "disable", "ada", *data]).exit_code == 0
    assert "disabled" in runner.invoke(app, ["user", "list", *data]).output
    reset = runner.invoke(app, ["user", "reset", "ada", *data])
    assert reset.exit_code == 0 and re.search(r"password: (\S+)", reset.output).group(1) != password
    assert runner.invoke(app, ["user", "reset", "nobody", *data]).exit_code == 1


def test_staff_exports_follow_the_role_of_the_user_named(tmp_path):
    from inputdesk.bootstrap import build_app
    from inputdesk.config import Settings
    from inputdesk.domain.submission import SubmitterDetails
    from inputdesk.services.intake import IncomingFile

    data = ["--data-dir", str(tmp_path / "data")]
    with build_app(Settings(data_dir=tmp_path / "data", sandbox=False)) as application:
        call = ensure_seed_call(application.calls, application.audit)
        application.intake.receive(call.id, IncomingFile("a.pdf", make_pdf("Text.")), details=SubmitterDetails(
            organisation="Export Org", contact_email="x@example.org"))
    runner.invoke(app, ["user", "add", "rita", "--role", "reviewer", *data])
    out = tmp_path / "all.csv"
    result = runner.invoke(app, ["submissions", "export-csv", "--out", str(out), "--as", "rita", *data])
    assert result.exit_code == 0, result.output
    assert "x@example.org" in out.read_text(encoding="utf-8-sig")
    xlsx = tmp_path / "all.xlsx"
    assert runner.invoke(app, ["submissions", "export-xlsx", "-o", str(xlsx), "--as", "rita", *data]).exit_code == 0
    assert xlsx.read_bytes().startswith(b"PK")
    assert runner.invoke(app, ["submissions", "export-csv", "-o", str(out), "--as", "ghost", *data]).exit_code == 1
