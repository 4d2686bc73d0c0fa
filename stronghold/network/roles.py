"""What the analyses already said about the workspace's numbers, read from its results
files: each line's numbers, holders, controllers and runners. A workspace never analysed
(a comms bundle made from adjacency data) has none, and the network is comms alone."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from stronghold.results_files import read_results_csv

__all__ = ["COMMANDING", "Roles", "read_roles"]

COMMANDING = ("holder", "controller")  # the roles that direct a line


@dataclass
class Roles:
    line_numbers: dict[str, str] = field(default_factory=dict)  # number -> line_id
    # number or person_id -> (role, line_id) pairs: holder, controller, runner
    roles: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    person_of: dict[str, str] = field(default_factory=dict)  # number -> person_id, per results

    @property
    def line_ids(self) -> set[str]:
        return set(self.line_numbers.values())

    @property
    def commanding(self) -> set[str]:
        """The numbers and people who hold or control a line."""
        return {e for e, held in self.roles.items() if any(r in COMMANDING for r, _ in held)}

    def add(self, entity: str, role: str, line_id: str) -> None:
        if (role, line_id) not in self.roles.setdefault(entity, []):
            self.roles[entity].append((role, line_id))


def read_roles(results: Path) -> Roles:
    roles = Roles()
    for row in read_results_csv(results / "lines.csv"):
        for number in row["numbers"].split(";"):
            roles.line_numbers[number] = row["line_id"]
    for row in read_results_csv(results / "holders.csv"):
        if not row["number"]:
            continue  # a line whose holder was not determined
        roles.add(row["number"], row["role"], row["line_id"])
        if row["person_id"]:
            roles.add(row["person_id"], row["role"], row["line_id"])
            roles.person_of.setdefault(row["number"], row["person_id"])
    for row in read_results_csv(results / "runners.csv"):
        roles.add(row["number"], "runner", row["line_id"])
        for person in filter(None, row["person_id"].split(";")):
            roles.add(person, "runner", row["line_id"])
    return roles
