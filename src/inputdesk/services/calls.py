"""Registering and reading calls for input."""

from __future__ import annotations

from datetime import UTC, datetime

from inputdesk.domain.call import Call
from inputdesk.domain.submission import AuditEvent
from inputdesk.ports import AuditLog
from inputdesk.services.call_definitions import parse_call, seed_call_text


def add_call(calls, audit: AuditLog, yaml_text: str, source: str, actor: str = "system:cli") -> tuple[Call, bool]:
    """Validate and store a call; returns (call, created). Re-adding updates the stored definition."""
    call = parse_call(yaml_text, source=source)
    existing = {c.id for c in calls.list_calls()}
    calls.save_call(call, yaml_text)
    created = call.id not in existing
    audit.append(AuditEvent(actor=actor, action="call.added" if created else "call.updated", entity_type="call",
                            entity_id=call.id, at=datetime.now(UTC), after={"title": call.title, "source": source,
                                                                             "questions": len(call.questions)}))
    return call, created


def ensure_seed_call(calls, audit: AuditLog) -> Call:
    call = parse_call(seed_call_text(), source="seed call")
    if call.id not in {c.id for c in calls.list_calls()}:
        add_call(calls, audit, seed_call_text(), "seed call", actor="system:init")
    return call
