"""Finding 11: symlinks in a bundle were followed to files outside it (and loaded silently),
and a refused file's error printed the first line of /etc/passwd.

After the fix a bundle file that is a symlink resolving outside the bundle folder is refused
with a reason ("links outside the bundle"); its content is never read or printed; the rest
of the bundle loads. A symlink to a file inside the bundle may load."""

from __future__ import annotations

from pathlib import Path

from stronghold.settings import Settings
from tests.security.conftest import (
    comms_csv,
    imported_counts,
    people_count,
    run_cli,
    write_bundle,
)

SECRET = "SECRET-MARKER-7f3a"


def bundle_with_links(tmp_path: Path) -> Path:
    """comms.csv (a file); people.csv -> a valid people file outside the bundle;
    intelligence.csv -> /etc/passwd; incidents.csv -> ../elsewhere via a relative link;
    vehicles.csv -> a file in the bundle's own subfolder."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "people.csv").write_text(f"person_id,forename\nP1,{SECRET}\n", encoding="utf-8")
    (outside / "incidents.csv").write_text(
        f"incident_id,reported_at,category\nI1,2026-07-01T12:00:00Z,{SECRET}\n", encoding="utf-8"
    )
    bundle = write_bundle(tmp_path / "bundle", {"comms.csv": comms_csv()})
    (bundle / "inside").mkdir()
    (bundle / "inside" / "vehicles-real.csv").write_text(
        "vrm,make\nAB12CDE,Ford\n", encoding="utf-8"
    )
    (bundle / "people.csv").symlink_to(outside / "people.csv")
    (bundle / "intelligence.csv").symlink_to("/etc/passwd")
    (bundle / "incidents.csv").symlink_to(Path("..") / "elsewhere" / "incidents.csv")
    (bundle / "vehicles.csv").symlink_to(Path("inside") / "vehicles-real.csv")
    return bundle


def test_finding_11_links_outside_the_bundle_are_refused_unread(
    store: Settings, tmp_path: Path
) -> None:
    passwd = Path("/etc/passwd").read_text(encoding="utf-8").splitlines()[0]
    assert passwd.startswith("root:")
    bundle = bundle_with_links(tmp_path)
    result = run_cli(
        ["ingest", bundle, "--workspace", store.workspace, "--show-quarantine"],
        database=store.database_url,
    )
    assert "Traceback" not in result.out, result.out[-3000:]
    assert result.code == 0, result.out[-3000:]
    for name in ("people.csv", "intelligence.csv", "incidents.csv"):
        rows = [line for line in result.out.splitlines() if name in line]
        assert any("refused" in line for line in rows), f"{name} not refused:\n{result.out}"
        assert any("outside" in line for line in rows), f"{name}: no reason given:\n{result.out}"

    # never read, never printed, never stored
    for secret in (SECRET, "root:", passwd.split(":")[-1]):
        assert secret not in result.out, secret
    for path in Path(store.workspace).rglob("*"):
        if path.is_file() and path.suffix in (".csv", ".txt", ".json", ".html"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert SECRET not in text and "root:" not in text, path
    assert people_count(store) == 0

    loaded = imported_counts(store)
    assert loaded["comms.csv"] == 3  # the rest of the bundle loads
    assert set(loaded) <= {"comms.csv", "vehicles.csv"}  # a link inside the bundle may load
