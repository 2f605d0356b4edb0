"""`make bench`: speed figures the issues ask for."""
