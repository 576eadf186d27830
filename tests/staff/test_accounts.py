"""Staff accounts: argon2 hashes, TOTP required for admins, a code works once, lock-out, sessions that end."""

from __future__ import annotations

from datetime import timedelta

import pyotp
import pytest

from inputdesk.domain.accounts import Role
from inputdesk.services.accounts import AccountError, SignInFailed

from staff_world import PASSWORD


class Clock:
    def __init__(self, clock):
        self.inner, self.shift = clock, timedelta()

    def now(self):
        return self.inner.now() + self.shift


@pytest.fixture
def accounts(world):
    service = world.staff.accounts
    service.clock = Clock(service.clock)
    return service


def test_passwords_are_stored_as_argon2id_and_admins_get_a_totp_secret(world, accounts):
    created = accounts.add_user("olga", Role.ADMIN, by="system:test")
    stored = accounts.store.get_user("olga")
    assert stored.password_hash.startswith("$argon2id$") and created.password not in stored.password_hash
    assert stored.totp_secret == created.totp_secret and len(created.password) >= 12
    assert created.provisioning_uri.startswith("otpauth://totp/InputDesk:olga?secret=")
    with pytest.raises(AccountError, match="two-factor"):
        accounts.add_user("omar", Role.ADMIN, by="system:test", totp=False)
    assert accounts.add_user("rex", Role.REVIEWER, by="system:test").totp_secret is None  # optional for others
    with pytest.raises(ValueError, match="exists already"):
        accounts.add_user("olga", Role.ANALYST, by="system:test")


def test_an_admin_signs_in_with_password_and_code_and_the_code_works_once(world, accounts):
    code = world.code("ada")
    with pytest.raises(SignInFailed):
        accounts.sign_in("ada", PASSWORD, None)  # no code
    user, token = accounts.sign_in("ada", PASSWORD, code)
    assert user.username == "ada" and accounts.user_for_session(token).username == "ada"
    with pytest.raises(SignInFailed):
        accounts.sign_in("ada", PASSWORD, code)  # replayed
    accounts.clock.shift = timedelta(seconds=60)
    assert accounts.sign_in("ada", PASSWORD, pyotp.TOTP(world.secrets["ada"]).at(accounts.clock.now()))


def test_the_first_sign_in_upgrades_a_cheap_hash_to_the_production_parameters(world, accounts):
    from inputdesk.bootstrap_staff import accounts_service

    before = accounts.store.get_user("anil").password_hash
    accounts_service(world.app).sign_in("anil", PASSWORD, None)  # as the web app and the CLI build it
    after = accounts.store.get_user("anil").password_hash
    assert "m=1024" in before and "m=1024" not in after and after.startswith("$argon2id$")


def test_five_failures_lock_the_account_even_for_the_right_password(world, accounts):
    for _ in range(5):
        with pytest.raises(SignInFailed):
            accounts.sign_in("rita", "wrong password!", world.code("rita"))
    with pytest.raises(SignInFailed):
        accounts.sign_in("rita", PASSWORD, world.code("rita"))
    assert accounts.store.get_user("rita").locked_until is not None
    accounts.clock.shift = timedelta(minutes=16)
    assert accounts.sign_in("rita", PASSWORD, pyotp.TOTP(world.secrets["rita"]).at(accounts.clock.now()))
    actions = [e.action for e in world.app.audit.all_events() if e.entity_type == "user" and e.entity_id == "rita"]
    assert actions.count("login.failed") == 5 and "login.refused" in actions and actions[-1] == "login.succeeded"
    logged = str([e.after for e in world.app.audit.all_events()])
    assert PASSWORD not in logged and "wrong password!" not in logged


def test_unknown_users_fail_the_same_way(accounts):
    with pytest.raises(SignInFailed) as unknown:
        accounts.sign_in("nobody", PASSWORD, "123456")
    with pytest.raises(SignInFailed) as wrong:
        accounts.sign_in("anil", "not the password", None)
    assert str(unknown.value) == str(wrong.value)


def test_sessions_end_when_idle_when_too_old_on_sign_out_and_when_the_account_is_disabled(world, accounts):
    _, token = accounts.sign_in("anil", PASSWORD, None)
    accounts.clock.shift = timedelta(minutes=59)
    assert accounts.user_for_session(token) is not None
    accounts.clock.shift = timedelta(minutes=59 + 61)
    assert accounts.user_for_session(token) is None  # idle for more than an hour
    accounts.clock.shift = timedelta()
    _, token = accounts.sign_in("anil", PASSWORD, None)
    accounts.sign_out(token)
    assert accounts.user_for_session(token) is None
    _, token = accounts.sign_in("anil", PASSWORD, None)
    accounts.set_active("anil", False, by="user:ada")
    assert accounts.user_for_session(token) is None
    with pytest.raises(SignInFailed):
        accounts.sign_in("anil", PASSWORD, None)
    assert accounts.user_for_session("forged-token") is None


def test_a_reset_gives_a_new_password_and_secret_and_unlocks(world, accounts):
    for _ in range(5):
        with pytest.raises(SignInFailed):
            accounts.sign_in("ada", "nope nope nope", None)
    fresh = accounts.reset("ada", by="system:cli")
    assert fresh.totp_secret != world.secrets["ada"]
    assert accounts.sign_in("ada", fresh.password, pyotp.TOTP(fresh.totp_secret).now())
