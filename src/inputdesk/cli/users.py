"""`inputdesk user …`: staff accounts for the console (the first administrator is made here)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from inputdesk.cli.common import DatabaseOption, DataDirOption, console, fail, open_app
from inputdesk.domain.accounts import Role

user_app = typer.Typer(help="Staff accounts for the console: add, list, reset, disable.", no_args_is_help=True)


def _accounts(application):
    from inputdesk.bootstrap_staff import accounts_service

    return accounts_service(application)


def print_credentials(created, say=None) -> None:
    """The new password and TOTP set-up, shown once: nothing stores them in the clear."""
    say = say or (lambda text: console.print(text, highlight=False, soft_wrap=True))
    say(f"user: {created.user.username} ({created.user.role.value})")
    say(f"password: {created.password}")
    if created.totp_secret:
        import pyotp

        say(f"authenticator secret (TOTP, SHA-1, 6 digits, 30 s): {created.totp_secret}")
        say(f"set-up link for an authenticator app: {created.provisioning_uri}")
        say(f"current code (changes every 30 seconds): {pyotp.TOTP(created.totp_secret).now()}")
    say("Give these to the person over a safe channel; they are not shown again.")


@user_app.command("add")
def add(name: str = typer.Argument(..., help="User name to sign in with."),
        role: Role = typer.Option(Role.REVIEWER, "--role", help="admin, reviewer or analyst."),
        display_name: str = typer.Option("", "--display-name", help="The person's name, shown in the console."),
        totp: bool = typer.Option(None, "--totp/--no-totp", help="Two-factor sign-in; default: on for roles in "
                                  "staff_totp_required_roles (admin)."),
        password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from standard input "
                                            "instead of generating one."),
        data_dir: Path = DataDirOption, database_url: str = DatabaseOption) -> None:
    """Create a staff account; prints its password and, with two-factor sign-in, the TOTP set-up."""
    password = typer.get_text_stream("stdin").readline().rstrip("\n") if password_stdin else None
    with open_app(data_dir, database_url) as application:
        try:
            created = _accounts(application).add_user(name, role, by="system:cli", display_name=display_name,
                                                      password=password, totp=totp)
        except ValueError as problem:
            fail(str(problem))
    print_credentials(created)


@user_app.command("list")
def list_users(data_dir: Path = DataDirOption, database_url: str = DatabaseOption) -> None:
    """List staff accounts with their role, two-factor state and last sign-in."""
    with open_app(data_dir, database_url) as application:
        users = _accounts(application).list_users()
    table = Table("user", "name", "role", "two-factor", "state", "last sign-in")
    for u in users:
        state = "active" if u.active else "disabled"
        if u.locked_until:
            state += f", locked until {u.locked_until:%Y-%m-%d %H:%M} UTC"
        table.add_row(u.username, u.display_name, u.role.value, "yes" if u.has_totp else "no", state,
                      f"{u.last_login_at:%Y-%m-%d %H:%M}" if u.last_login_at else "never")
    console.print(table)
    console.print(f"{len(users)} account(s)")


@user_app.command("reset")
def reset(name: str = typer.Argument(..., help="User name."),
          data_dir: Path = DataDirOption, database_url: str = DatabaseOption) -> None:
    """New password (and new TOTP secret), unlock, and end every session of the account."""
    with open_app(data_dir, database_url) as application:
        try:
            created = _accounts(application).reset(name, by="system:cli")
        except ValueError as problem:
            fail(str(problem))
    print_credentials(created)


@user_app.command("disable")
def disable(name: str = typer.Argument(..., help="User name."),
            data_dir: Path = DataDirOption, database_url: str = DatabaseOption) -> None:
    """Disable an account and end its sessions (its audit history stays)."""
    _set_active(name, False, data_dir, database_url)


@user_app.command("enable")
def enable(name: str = typer.Argument(..., help="User name."),
           data_dir: Path = DataDirOption, database_url: str = DatabaseOption) -> None:
    """Enable a disabled account again."""
    _set_active(name, True, data_dir, database_url)


def _set_active(name: str, active: bool, data_dir: Path | None, database_url: str | None) -> None:
    with open_app(data_dir, database_url) as application:
        try:
            _accounts(application).set_active(name, active, by="system:cli")
        except ValueError as problem:
            fail(str(problem))
    console.print(f"{name} {'enabled' if active else 'disabled'}")
