"""`make eval`: precision and recall on the hand-labelled sets, compared with eval/report.json."""
