"""Small secrets sealed at rest with the data directory's key (the one that encrypts hash lists).

A database copy (a backup, a dump handed to support) then holds no second factor of any staff
account: a TOTP secret is as good as the authenticator app that holds it. Values are stored as
"fernet:<token>"; a value without that prefix was written before sealing existed and is read as
it is, and sealed the next time the account is saved (or by `seal_plain_secrets` at start).
"""

from __future__ import annotations

_PREFIX = "fernet:"


class SealedValueError(RuntimeError):
    """A sealed value that the configured key cannot open."""


class SecretSealer:
    def __init__(self, key: bytes):
        from cryptography.fernet import Fernet

        self._fernet = Fernet(key)

    def seal(self, value: str | None) -> str | None:
        if value is None or is_sealed(value):
            return value
        return _PREFIX + self._fernet.encrypt(value.encode("utf-8")).decode("ascii")

    def open(self, stored: str | None) -> str | None:
        if stored is None or not is_sealed(stored):
            return stored
        from cryptography.fernet import InvalidToken

        try:
            return self._fernet.decrypt(stored[len(_PREFIX):].encode("ascii")).decode("utf-8")
        except InvalidToken:
            raise SealedValueError(
                "a staff account's TOTP secret cannot be decrypted with this key: the screening key "
                "(INPUTDESK_SCREENING_KEY or <data_dir>/screening.key) is not the one it was sealed with. "
                "Restore that key, or reset the account with 'inputdesk user reset NAME'.") from None


def is_sealed(stored: str) -> bool:
    return stored.startswith(_PREFIX)
