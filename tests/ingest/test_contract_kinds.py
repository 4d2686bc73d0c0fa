"""The contract's column kinds are a closed list: a misspelt kind is refused, never read as
text."""

from __future__ import annotations

import pytest

from stronghold.contract import CONTRACT, KINDS, Column


def test_every_contract_column_has_a_known_kind() -> None:
    kinds = {c.kind for table in CONTRACT.values() for c in table.columns}
    assert kinds <= set(KINDS)
    assert {"phone", "time", "choice", "id"} <= kinds


def test_a_misspelt_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="no kind 'phnoe'"):
        Column("a_number", "phnoe")  # type: ignore[arg-type]


def test_choices_go_with_a_choice_and_only_with_one() -> None:
    with pytest.raises(ValueError, match="choices"):
        Column("kind", "choice")
    with pytest.raises(ValueError, match="choices"):
        Column("kind", "text", choices=("call", "sms"))
    assert Column("kind", "choice", choices=("call", "sms")).choices == ("call", "sms")
