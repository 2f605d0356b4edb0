"""Validity: when a document takes effect (`effective`, read from its own words)."""

from kb.validity.effective import (
    EffectiveDate,
    ProvisionDate,
    effective_date,
    parent_of,
    provision_eids,
    read_sentence,
)

__all__ = ["EffectiveDate", "ProvisionDate", "effective_date", "parent_of", "provision_eids", "read_sentence"]
