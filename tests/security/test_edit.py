"""Edit-and-resend (``ui.chat_tab.Handlers.edit``) on a real ``careerbot ui`` server with two
signed-in users: Bob's edit of "the first question", sent under Alice's session hash and
under his own page, changes none of Alice's rows; Alice's own edit (the positive control)
replaces her question and the turns after it."""

from __future__ import annotations

import pytest

from bot.storage.conversations import ConversationStore
from tests.security.conftest import SECRET, Two
from tests.security.gradio_http import GradioHttp
from tests.security.test_sessions import page_load, snapshot

EDITED = "What does a data analyst do? (edited)"
EDIT = {"index": 0, "value": EDITED, "previous_value": "What does a data steward do?"}
# The edit event's inputs as the page sends them: owner, current chat (both session state,
# which the server keeps), the details toggle, the search box, the replies counter.
INPUTS = [None, None, False, "", 0]


@pytest.mark.slow
def test_only_the_owner_can_edit_and_resend_a_question(two: Two) -> None:
    events = two.alice.events()
    start = page_load(events)
    (edit,) = [e for e in events if e.event == "edit" and e.elem_id == "chat"]
    assert len(edit.inputs) == len(INPUTS)
    alices = GradioHttp.new_session()
    assert SECRET in two.alice.call(start, [None, None], alices).text  # her chat is open
    bobs = GradioHttp.new_session()
    assert two.bob.call(start, [None, None], bobs).status == 200
    before = snapshot(two.settings)
    # Bob under Alice's session hash, then on his own page (where his chat is empty).
    for session in (alices, bobs):
        reply = two.bob.call(edit, INPUTS, session, EDIT)
        assert SECRET not in reply.text
        assert snapshot(two.settings) == before
    chats = ConversationStore(two.settings.sql_url)
    assert not [s for o, s in chats.all() if o == "user:bob"]
    # Alice's own edit replaces her question and the answer after it, in the same chat.
    two.alice.call(edit, INPUTS, alices, EDIT)
    mine = chats.get("user:alice", two.alice_chat)
    assert mine is not None
    assert [m["role"] for m in mine.messages] == ["user", "assistant"]
    assert mine.messages[0]["content"] == EDITED
    assert SECRET not in str(mine.messages)
