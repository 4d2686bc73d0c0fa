"""Turning a day's events into rows of comms.csv, as a network operator's return shows them.

Each row comes from the a-party's network (the `source`). The b-party's cell and handset are
known only when both parties are on that same network, as in a real return.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from stronghold.synthetic.cells import CellNetwork
from stronghold.synthetic.events import KINDS, NONE, Events
from stronghold.synthetic.phones import NETWORKS, FrozenPhones

__all__ = ["COMMS_SCHEMA", "CommsFormatter", "iso_utc"]

COMMS_SCHEMA = pa.schema(
    [
        ("start_time", pa.string()),
        ("a_number", pa.string()),
        ("b_number", pa.string()),
        ("kind", pa.string()),
        ("duration_s", pa.int32()),
        ("a_cell", pa.string()),
        ("b_cell", pa.string()),
        ("a_imei", pa.string()),
        ("b_imei", pa.string()),
        ("a_imsi", pa.string()),
        ("record_id", pa.string()),
        ("source", pa.string()),
    ]
)
FIXED_NETWORK = "BT"  # landlines and short codes


def _strings(values: np.ndarray | list[str]) -> pa.Array:
    return pa.array([v if v else None for v in values], pa.string())


def iso_utc(instants: np.ndarray) -> pa.Array:
    """ISO 8601 UTC strings ("2026-03-02T14:05:09Z") of epoch seconds, fast."""
    text = pc.cast(pa.array(instants, pa.timestamp("s")), pa.string())
    return pc.binary_join_element_wise(pc.binary_replace_slice(text, 10, 11, "T"), "Z", "")


class CommsFormatter:
    """Look-up tables from phone and cell indices to the strings a return carries."""

    def __init__(
        self, phones: FrozenPhones, cells: CellNetwork, foreign_cells: list[str] | None = None
    ) -> None:
        """`foreign_cells`: the cells of phones roaming abroad (roaming.py), indexed after the
        network's own."""
        self.phones = phones
        self.numbers = _strings(phones.number)
        self.imsi = _strings(phones.imsi)
        self.imei = _strings(phones.imei)  # last entry (index -1) is empty
        self.cell_ids = pa.array([*cells.cell_id, *(foreign_cells or [])], pa.string())
        self.kinds = pa.array(KINDS, pa.string())
        self.sources = pa.array([*NETWORKS, FIXED_NETWORK], pa.string())

    def table(self, events: Events, first_record: int) -> pa.Table:
        """Rows for `events` (already in time order), numbered from `first_record`."""
        p = self.phones
        n = len(events)
        a_net, b_net = p.network[events.a], p.network[events.b]
        source = np.where(a_net >= 0, a_net, np.where(b_net >= 0, b_net, len(NETWORKS)))
        same = (a_net == b_net) & (a_net >= 0)
        b_cell = np.where(same, events.b_cell, NONE)
        a_handset = p.handset[events.a]
        b_handset = np.where(same, p.handset[events.b], -1)
        source_names = self.sources.take(pa.array(source))
        serial = pc.cast(pa.array(np.arange(first_record, first_record + n)), pa.string())
        return pa.table(
            {
                "start_time": iso_utc(events.time),
                "a_number": self.numbers.take(pa.array(events.a)),
                "b_number": self.numbers.take(pa.array(events.b)),
                "kind": self.kinds.take(pa.array(events.kind)),
                "duration_s": pa.array(events.duration, pa.int32(), mask=events.duration < 0),
                "a_cell": self._maybe(self.cell_ids, events.a_cell),
                "b_cell": self._maybe(self.cell_ids, b_cell),
                "a_imei": self.imei.take(
                    pa.array(np.where(a_handset >= 0, a_handset, -1) % len(self.imei))
                ),
                "b_imei": self.imei.take(
                    pa.array(np.where(b_handset >= 0, b_handset, -1) % len(self.imei))
                ),
                "a_imsi": self.imsi.take(pa.array(events.a)),
                "record_id": pc.binary_join_element_wise(source_names, serial, "-"),
                "source": source_names,
            },
            schema=COMMS_SCHEMA,
        )

    @staticmethod
    def _maybe(values: pa.Array, index: np.ndarray) -> pa.Array:
        return values.take(pa.array(np.maximum(index, 0), mask=index < 0))
