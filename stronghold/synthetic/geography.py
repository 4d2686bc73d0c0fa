"""The world's map: hubs, county towns and the motorways and railways between them.

Coordinates are real and approximate (town centres to about a kilometre). Postcode districts
are the real districts of each place; the units inside them are synthetic.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CORRIDORS", "TOWNS", "WAYPOINTS", "Town", "town"]


@dataclass(frozen=True)
class Town:
    """A place on the map: an urban hub, a county town, or both (a local hub)."""

    name: str
    force: str
    latitude: float
    longitude: float
    radius_km: float
    districts: tuple[str, ...]
    weight: float  # relative population in the synthetic world
    hub: bool = False  # an urban hub lines are run from
    county: bool = False  # a county market lines are run into
    dialling_code: str = "01632"  # Ofcom's drama range when the real code has none


def _t(
    name: str,
    force: str,
    lat: float,
    lon: float,
    radius: float,
    districts: str,
    weight: float,
    *,
    hub: bool = False,
    county: bool = False,
    code: str = "01632",
) -> Town:
    return Town(name, force, lat, lon, radius, tuple(districts.split()), weight, hub, county, code)


MET, WMP, MER, GMP = "Metropolitan", "West Midlands", "Merseyside", "Greater Manchester"
TVP, NTH, LEI, LIN, DER = (
    "Thames Valley",
    "Northamptonshire",
    "Leicestershire",
    "Lincolnshire",
    "Derbyshire",
)

# Ordered so that the first towns of each kind are the ones the smaller scales use.
TOWNS: tuple[Town, ...] = (
    _t("Lambeth", MET, 51.4613, -0.1156, 3.0, "SW9 SE11 SW2 SE27", 3.0, hub=True, code="020"),
    _t(
        "Birmingham",
        WMP,
        52.4862,
        -1.8904,
        6.0,
        "B6 B8 B10 B11 B12 B20 B21",
        4.0,
        hub=True,
        code="0121",
    ),
    _t("Hackney", MET, 51.5450, -0.0553, 3.0, "E5 E8 E9 N16", 3.0, hub=True, code="020"),
    _t("Liverpool", MER, 53.4084, -2.9916, 5.0, "L4 L5 L6 L8 L11", 3.5, hub=True, code="0151"),
    _t("Manchester", GMP, 53.4808, -2.2426, 5.0, "M8 M9 M11 M14 M40", 3.5, hub=True, code="0161"),
    _t("Croydon", MET, 51.3762, -0.0982, 3.0, "CR0 CR7 SE25", 2.5, hub=True, code="020"),
    _t("Tottenham", MET, 51.5975, -0.0681, 2.5, "N15 N17 N22", 2.5, hub=True, code="020"),
    _t("Newham", MET, 51.5430, 0.0300, 3.0, "E6 E7 E13 E15", 2.5, hub=True, code="020"),
    _t("Banbury", TVP, 52.0629, -1.3398, 2.5, "OX16 OX15 OX17", 1.6, county=True),
    _t("Oxford", TVP, 51.7520, -1.2577, 4.0, "OX1 OX2 OX3 OX4", 3.0, county=True, hub=True),
    _t("Bicester", TVP, 51.8994, -1.1537, 2.0, "OX26 OX25 OX27", 1.2, county=True),
    _t("Wheatley", TVP, 51.7470, -1.1380, 1.0, "OX33", 0.4, county=True),
    _t(
        "Northampton", NTH, 52.2405, -0.9027, 4.0, "NN1 NN2 NN3 NN4 NN5", 2.5, county=True, hub=True
    ),
    _t(
        "Leicester",
        LEI,
        52.6369,
        -1.1398,
        4.5,
        "LE1 LE2 LE3 LE4 LE5",
        3.0,
        county=True,
        hub=True,
        code="0116",
    ),
    _t("Lincoln", LIN, 53.2307, -0.5406, 3.0, "LN1 LN2 LN5 LN6", 1.5, county=True),
    _t("Derby", DER, 52.9225, -1.4746, 3.5, "DE1 DE21 DE22 DE23 DE24", 2.5, county=True),
    _t("Kettering", NTH, 52.3962, -0.7300, 2.0, "NN15 NN16", 1.0, county=True),
    _t("Aylesbury", TVP, 51.8156, -0.8084, 2.0, "HP19 HP20 HP21", 1.2, county=True),
    _t("High Wycombe", TVP, 51.6287, -0.7482, 2.5, "HP11 HP12 HP13", 1.4, county=True),
    _t(
        "Reading",
        TVP,
        51.4543,
        -0.9781,
        3.5,
        "RG1 RG2 RG30",
        2.5,
        county=True,
        hub=True,
        code="0118",
    ),
)

TOWN_BY_NAME = {t.name: t for t in TOWNS}

# Junctions and stations the corridors pass through (not places people live in this world).
WAYPOINTS: dict[str, tuple[float, float]] = {
    "London termini": (51.5290, -0.1330),
    "M40 J1 Denham": (51.5790, -0.4960),
    "M40 J8 Thame": (51.7250, -1.0420),
    "M40 J9 Wendlebury": (51.8710, -1.1880),
    "M40 J11 Banbury": (52.0620, -1.3050),
    "M40 J15 Warwick": (52.2700, -1.6050),
    "M42 J3A": (52.3830, -1.8550),
    "M1 J10 Luton": (51.8800, -0.4200),
    "M1 J14 Milton Keynes": (52.0570, -0.7200),
    "M1 J19 Catthorpe": (52.4010, -1.1820),
    "M1 J21 Leicester": (52.5980, -1.2000),
    "M1 J25 Long Eaton": (52.9050, -1.2860),
    "M6 J15 Stoke": (52.9700, -2.2000),
    "M6 J21 Warrington": (53.4200, -2.5300),
    "M62 J10 Croft": (53.4260, -2.5700),
    "A1 Newark": (53.0750, -0.8100),
    "Didcot Parkway": (51.6110, -1.2430),
    "Haddenham and Thame Parkway": (51.7710, -0.9420),
    "Milton Keynes Central": (52.0340, -0.7740),
    "Coventry": (52.4010, -1.5140),
    "Crewe": (53.0890, -2.4330),
    "Luton Parkway": (51.8720, -0.3960),
    "Peterborough": (52.5750, -0.2500),
    "Newark Northgate": (53.0800, -0.7990),
}

# (mode, name, stops): each corridor is a chain of towns and waypoints.
CORRIDORS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "road",
        "M40",
        (
            "Lambeth",
            "London termini",
            "M40 J1 Denham",
            "High Wycombe",
            "M40 J8 Thame",
            "M40 J9 Wendlebury",
            "M40 J11 Banbury",
            "M40 J15 Warwick",
            "M42 J3A",
            "Birmingham",
        ),
    ),
    ("road", "A40", ("M40 J8 Thame", "Wheatley", "Oxford")),
    ("road", "A41", ("M40 J9 Wendlebury", "Bicester", "Aylesbury")),
    ("road", "A422", ("M40 J11 Banbury", "Banbury")),
    (
        "road",
        "M1",
        (
            "Hackney",
            "Tottenham",
            "M1 J10 Luton",
            "M1 J14 Milton Keynes",
            "Northampton",
            "M1 J19 Catthorpe",
            "M1 J21 Leicester",
            "M1 J25 Long Eaton",
            "Derby",
        ),
    ),
    ("road", "A14", ("Northampton", "Kettering")),
    ("road", "A46", ("Leicester", "A1 Newark", "Lincoln")),
    ("road", "M1 spur", ("M1 J21 Leicester", "Leicester")),
    ("road", "A23", ("Croydon", "Lambeth")),
    ("road", "A13", ("Newham", "Hackney")),
    ("road", "A501 and A10", ("London termini", "Hackney")),
    ("road", "M6 south", ("Birmingham", "M1 J19 Catthorpe")),
    ("road", "M4", ("Lambeth", "Reading", "Didcot Parkway", "Oxford")),
    (
        "road",
        "M6",
        ("Birmingham", "M6 J15 Stoke", "M6 J21 Warrington", "M62 J10 Croft", "Liverpool"),
    ),
    ("road", "M62", ("M62 J10 Croft", "Manchester")),
    ("road", "A38", ("Birmingham", "Derby")),
    (
        "rail",
        "Chiltern Main Line",
        (
            "London termini",
            "High Wycombe",
            "Haddenham and Thame Parkway",
            "Bicester",
            "Banbury",
            "Birmingham",
        ),
    ),
    ("rail", "Oxford-Bicester line", ("Bicester", "Oxford")),
    ("rail", "Great Western Main Line", ("London termini", "Reading", "Didcot Parkway", "Oxford")),
    ("rail", "Cherwell Valley line", ("Oxford", "Banbury")),
    (
        "rail",
        "West Coast Main Line",
        (
            "London termini",
            "Milton Keynes Central",
            "Northampton",
            "Coventry",
            "Birmingham",
            "Crewe",
            "Liverpool",
        ),
    ),
    ("rail", "Crewe-Manchester line", ("Crewe", "Manchester")),
    (
        "rail",
        "Midland Main Line",
        ("London termini", "Luton Parkway", "Kettering", "Leicester", "Derby"),
    ),
    (
        "rail",
        "East Coast Main Line",
        ("London termini", "Peterborough", "Newark Northgate", "Lincoln"),
    ),
    ("rail", "Aylesbury line", ("London termini", "Aylesbury")),
    ("rail", "Cross Country", ("Birmingham", "Derby")),
    ("rail", "Oxford Tube coach", ("Oxford", "Wheatley", "London termini")),
    ("rail", "London Overground", ("Lambeth", "London termini", "Hackney", "Tottenham")),
    ("rail", "Thameslink south", ("Croydon", "Lambeth")),
    ("rail", "Elizabeth line", ("Newham", "London termini")),
)


def town(name: str) -> Town:
    """The town called `name`."""
    return TOWN_BY_NAME[name]


def position(name: str) -> tuple[float, float]:
    """Latitude and longitude of a town or waypoint."""
    if name in TOWN_BY_NAME:
        place = TOWN_BY_NAME[name]
        return place.latitude, place.longitude
    return WAYPOINTS[name]
