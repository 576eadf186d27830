"""Console fixtures: a desk with a reviewer, an analyst and an admin, each with two-factor sign-in."""

from __future__ import annotations

import pytest

from inputdesk.domain.accounts import Role

from staff_world import World


@pytest.fixture
def world(tmp_path):
    desk = World(tmp_path)
    desk.admin = desk.user("ada", Role.ADMIN)
    desk.reviewer = desk.user("rita", Role.REVIEWER)
    desk.analyst = desk.user("anil", Role.ANALYST, totp=False)
    yield desk
    desk.close()
