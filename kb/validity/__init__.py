"""Validity: when a document takes effect (`effective`, read from its own words) and its status on a date
(`status`: dự thảo, chưa có hiệu lực, còn hiệu lực, hết hiệu lực một phần / toàn bộ, chưa rõ), from what
other texts did to it (`Event`s from citations, the catalog or amending operations)."""

from typing import TYPE_CHECKING, Any

__all__ = [
    "LABELS",
    "EffectiveDate",
    "Event",
    "ProvisionDate",
    "Status",
    "cause_name",
    "document_status",
    "draft_reason",
    "effective_date",
    "events_from_catalog",
    "events_from_operations",
    "events_from_references",
    "events_in_kb",
    "file_statuses",
    "format_date",
    "operation_event",
    "parent_of",
    "provision_eids",
    "read_sentence",
    "stored_statuses",
]

if TYPE_CHECKING:
    from kb.validity.effective import (
        EffectiveDate,
        ProvisionDate,
        effective_date,
        parent_of,
        provision_eids,
        read_sentence,
    )
    from kb.validity.status import (
        LABELS,
        Event,
        Status,
        cause_name,
        document_status,
        draft_reason,
        events_from_catalog,
        events_from_operations,
        events_from_references,
        file_statuses,
        format_date,
        operation_event,
    )
    from kb.validity.stored import events_in_kb, stored_statuses


def __getattr__(name: str) -> Any:
    """Each name is imported when first asked for, so that importing one module of the package does not
    import them all (a build worker needs the extractors, not the writers and the SQLite layer)."""
    if name in ('EffectiveDate', 'ProvisionDate', 'effective_date', 'parent_of', 'provision_eids', 'read_sentence'):
        from kb.validity import effective as module
    elif name in ('LABELS', 'Event', 'Status', 'document_status', 'draft_reason', 'events_from_catalog', 'events_from_operations', 'events_from_references', 'file_statuses', 'format_date', 'cause_name', 'operation_event'):
        from kb.validity import status as module
    elif name in ('stored_statuses', 'events_in_kb'):
        from kb.validity import stored as module
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(module, name)
