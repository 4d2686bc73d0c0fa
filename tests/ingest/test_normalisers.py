"""Property tests for the normalisers: numbers, times (with both clock changes), coordinates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stronghold.ingest.normalise.coordinates import check_coordinates
from stronghold.ingest.normalise.phones import normalise_number
from stronghold.ingest.normalise.times import normalise_times

LONDON = ZoneInfo("Europe/London")
mobiles = st.integers(min_value=7_000_000_000, max_value=7_999_999_999).map(str)


@given(national=mobiles, style=st.integers(0, 6))
def test_every_written_form_of_a_uk_mobile_gives_one_e164(national: str, style: int) -> None:
    written = [
        f"0{national}",
        f"0{national[:4]} {national[4:]}",
        f"+44 {national[:4]} {national[4:]}",
        f"44{national}",
        f"0044{national}",
        f"(0{national[:4]}) {national[4:]}",
        f"0{national[:4]}-{national[4:7]}-{national[7:]}",
    ][style]
    number = normalise_number(written)
    assert number is not None
    assert (number.value, number.kind) == (f"+44{national}", "e164")


@given(code=st.integers(100, 999_999).map(str))
def test_short_codes_are_kept_verbatim(code: str) -> None:
    number = normalise_number(code)
    assert number is not None and (number.value, number.kind) == (code, "short_code")


@pytest.mark.parametrize("written", ["100/", "(100)", "12/3", "1-2-1"])
def test_a_short_code_with_stray_symbols_is_kept_verbatim_as_invalid(written: str) -> None:
    number = normalise_number(written)
    assert number is not None and (number.value, number.kind) == (written, "invalid")


@pytest.mark.parametrize(
    "word", ["Withheld", "WITHHELD", "Number withheld", "private", "Unknown", "anonymous", "N/A"]
)
def test_withheld_callers_are_kept_verbatim(word: str) -> None:
    number = normalise_number(f"  {word} ")
    assert number is not None and (number.value, number.kind) == (word, "withheld")


@given(text=st.text(max_size=30))
def test_nothing_written_breaks_the_number_normaliser(text: str) -> None:
    number = normalise_number(text)
    if number is None:
        assert not text.strip()
    elif number.kind == "e164":
        assert number.value.startswith("+") and number.value[1:].isdigit()
    else:
        assert number.value in (text.strip(), text.strip().replace(" ", ""))


instants = st.datetimes(min_value=datetime(2019, 1, 1), max_value=datetime(2031, 12, 31)).map(
    lambda moment: moment.replace(microsecond=0, tzinfo=UTC)
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(moments=st.lists(instants, min_size=1, max_size=40))
def test_local_times_go_back_to_the_instant_they_showed(moments: list[datetime]) -> None:
    """The wall clock an operator printed maps back to its instant; in the repeated autumn
    hour the first reading (BST) is taken, so only second-pass instants come back an hour
    early."""
    local = [m.astimezone(LONDON) for m in moments]
    written = [t.strftime("%Y-%m-%dT%H:%M:%S") for t in local]
    results = normalise_times(written)
    for moment, wall, (instant, clock) in zip(moments, local, results, strict=True):
        if clock == "ambiguous" and wall.fold == 1:
            assert instant == moment - timedelta(hours=1)
        else:
            assert instant == moment, (wall, clock)
        assert clock in ("normal", "ambiguous")


@given(moments=st.lists(instants, min_size=1, max_size=20))
def test_times_with_an_offset_are_exact(moments: list[datetime]) -> None:
    written = [m.strftime("%Y-%m-%dT%H:%M:%SZ") for m in moments]
    written += [m.astimezone(LONDON).isoformat() for m in moments]
    results = normalise_times(written)
    assert [instant for instant, _ in results] == moments + moments
    assert {clock for _, clock in results} == {"exact"}


@pytest.mark.parametrize("year", range(2020, 2031))
def test_both_clock_changes_every_year(year: int) -> None:
    march_end = datetime(year, 3, 31)
    spring = march_end - timedelta(days=(march_end.weekday() + 1) % 7)
    october_end = datetime(year, 10, 31)
    autumn = october_end - timedelta(days=(october_end.weekday() + 1) % 7)
    day = "%Y-%m-%dT"
    written = [
        spring.strftime(day) + "01:30:00",
        spring.strftime(day) + "00:59:59",
        spring.strftime(day) + "02:00:00",
        autumn.strftime(day) + "01:30:00",
        autumn.strftime(day) + "02:00:00",
    ]
    earliest, latest = normalise_times(written), normalise_times(written, ambiguous="latest")
    at = lambda d, h, m=0, s=0: datetime(d.year, d.month, d.day, h, m, s, tzinfo=UTC)  # noqa: E731
    assert earliest == [
        (at(spring, 1, 30), "nonexistent"),
        (at(spring, 0, 59, 59), "normal"),
        (at(spring, 1), "normal"),
        (at(autumn, 0, 30), "ambiguous"),
        (at(autumn, 2), "normal"),
    ]
    assert latest[3] == (at(autumn, 1, 30), "ambiguous")


def test_unreadable_times_are_refused() -> None:
    results = normalise_times(["yesterday", "2026/31/12 10:00", "31/02/2026 10:00", "", None])
    assert results == [(None, None)] * 5


gb = st.tuples(st.floats(50.0, 58.5), st.floats(-5.5, 1.7))


@given(point=gb)
def test_coordinates_in_gb_pass_and_swapped_ones_are_put_right(point: tuple[float, float]) -> None:
    lat, lon = point
    (kept, swapped) = check_coordinates([(repr(lat), repr(lon)), (repr(lon), repr(lat))])
    assert kept == (lat, lon, False, [])
    assert swapped == (lat, lon, True, [])


@given(lat=st.floats(-1000, 1000), lon=st.floats(-1000, 1000))
def test_coordinates_out_of_range_are_refused(lat: float, lon: float) -> None:
    ((got_lat, got_lon, _, errors),) = check_coordinates([(repr(lat), repr(lon))])
    in_range = -90 <= got_lat <= 90 and -180 <= got_lon <= 180
    assert in_range == (not errors)
    if errors:
        assert any("degrees" in reason for reason in errors)


def test_coordinates_outside_gb_are_kept_and_half_pairs_refused() -> None:
    paris, half, text = check_coordinates([("48.8566", "2.3522"), ("52.1", None), ("north", "1.2")])
    assert paris == (48.8566, 2.3522, False, [])
    assert half[3] == ["latitude and longitude must be given together"]
    assert text[3] == ["not a number"]
