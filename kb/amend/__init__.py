"""Legal time: amending instructions as operations, consolidated texts and provision history."""

from kb.amend.model import KINDS, Operation, Problem, Target

__all__ = ["KINDS", "Operation", "Problem", "Target"]
