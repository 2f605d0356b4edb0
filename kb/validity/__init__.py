"""Validity: when a document takes effect (`effective`, read from its own words) and its status on a date
(`status`: dự thảo, chưa có hiệu lực, còn hiệu lực, hết hiệu lực một phần / toàn bộ, chưa rõ), from what
other texts did to it (`Event`s from citations, the catalog or amending operations)."""

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
    document_status,
    draft_reason,
    events_from_catalog,
    events_from_operations,
    events_from_references,
    file_statuses,
    format_date,
)
from kb.validity.stored import stored_statuses

__all__ = [
    "LABELS", "EffectiveDate", "Event", "ProvisionDate", "Status", "document_status", "draft_reason",
    "effective_date", "events_from_catalog", "events_from_operations", "events_from_references", "file_statuses",
    "format_date",
    "parent_of", "provision_eids", "read_sentence", "stored_statuses",
]
