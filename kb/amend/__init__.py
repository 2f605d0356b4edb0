"""Legal time: amending instructions as operations, consolidated texts and provision history."""

from kb.amend.model import KINDS, Operation, Problem, Target
from kb.amend.read import Reading, read, read_operations

__all__ = ["KINDS", "Operation", "Problem", "Reading", "Target", "read", "read_operations"]
