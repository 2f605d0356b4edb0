"""A page for tests/test_hostile_app.py: reads an "upload" the way the upload page does
(`intake.preview` with `kbsession.watch`), through a stand-in parser that never ends and holds the
interpreter lock (tests/hostile_fake.py)."""

import streamlit as st
from hostile_fake import hostile_parse

from app_pages import kbsession
from kb import intake
from kb.errors import KbError

status = st.empty()
try:
    intake.preview("slow.txt", b"-\nslow", cancelled=kbsession.watch(status, "Đang đọc tệp"), read=hostile_parse)
except KbError as exc:
    st.error(str(exc))
