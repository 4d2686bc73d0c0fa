"""Name lists for synthetic people: common UK forenames and surnames, and street aliases.

Every person is a random combination of these; none stands for anyone real.
"""

from __future__ import annotations

__all__ = ["ALIASES", "BRANDS", "FEMALE_FORENAMES", "MALE_FORENAMES", "SURNAMES"]

FEMALE_FORENAMES = tuple(
    (
        "Olivia Amelia Isla Ava Mia Ivy Lily Isabella Rosie Sophia Grace Freya Willow Florence "
        "Emily Ella Poppy Evie Elsie Charlotte Evelyn Sienna Sofia Daisy Phoebe Sophie Alice "
        "Harper Matilda Ruby Emilia Maya Millie Isabelle Eva Luna Jessica Hannah Chloe Megan "
        "Amy Lauren "
        "Rebecca Sarah Laura Emma Natalie Kayleigh Danielle Stacey Leanne Gemma Joanne Claire "
        "Nicola Michelle Tracey Karen Susan Julie Angela Deborah Patricia Margaret Aisha Fatima "
        "Zainab Amina Precious Blessing Chantelle Shanice Tia Jade Kelsey Demi"
    ).split()
)
MALE_FORENAMES = tuple(
    (
        "Noah Oliver George Arthur Muhammad Leo Harry Oscar Archie Henry Theodore Freddie Jack "
        "Charlie Theo Alfie Jacob Thomas Finley Arlo William Lucas Roman Tommy Isaac Teddy "
        "Alexander Luca Edward James Joshua Albie Elijah Max Mohammed Reggie Daniel Michael Ryan "
        "Liam Jordan Connor Callum Kieran Nathan Jamie Lewis Bradley Ashley Dean Wayne Lee Craig "
        "Darren Paul Mark Stephen David Andrew Robert Richard Gary Kevin Ian Tyrone Marcus Kwame "
        "Kofi Tunde Dwayne Reece Kyle Tyler Jayden Kai Rio Malik Andre Dante Jermaine"
    ).split()
)
SURNAMES = tuple(
    (
        "Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson "
        "Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson "
        "Wood Turner Martin Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan "
        "Allen James Scott Phillips Watson Davis Parker Price Bennett Young Griffiths Mitchell "
        "Kelly Cook Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards Khan "
        "Marshall Anderson Simpson Ellis Adams Singh Begum Wilkinson Foster Chapman Powell Webb "
        "Rogers Gray Mason Ali Hunt Hussain Campbell Matthews Owen Palmer Holmes Mills Barnes "
        "Knight Lloyd Butler Russell Barker Fisher Stevens Jenkins Murray Dixon Harvey Graham "
        "Pearson Ahmed Fletcher Walsh Kaur Gibson Howard Andrews Stewart Elliott Reynolds Saunders "
        "Payne Fox Ford Pearce Day Brooks West Lawrence Cole Atkinson Bradley Spencer Gill Dawson "
        "Ball Burton Obi Mensah Okafor Adeyemi Boateng Francis Grant"
    ).split()
)
ALIASES = (
    "Lil T",
    "Kay",
    "Bugsy",
    "Skeng",
    "Digga",
    "Smokes",
    "Tiny",
    "Yungz",
    "Biggz",
    "Snoop",
    "Ghost",
    "Trapz",
    "Dotz",
    "Fizz",
    "Nitro",
    "Scrappy",
    "Munch",
    "Chunks",
    "Spinz",
    "Kash",
    "Rasta",
    "Bones",
    "Flex",
    "Razor",
    "Zed",
    "Ox",
    "Juice",
    "Milly",
    "Rocco",
    "Sparks",
)
# County-line brand names, as dealers market them ("the Tony line").
BRANDS = tuple(
    (
        "Tony Blade Dee Ace Benz Kash Mitch Rico Jay Silver Nike Bandz Kenzo Scotty Reece Gucci "
        "Moe Dizzy Tee Blue Ricky Lucky Marley Prada Shaq Tizzy Vinny Wiz Zeus Pablo Jonny Smokey "
        "Kilo Frosty Boss Magic Ollie Romeo Sonny Dutch Ozzy Flash Gizmo Jupiter Kobe Lenny Monty "
        "Nino Pepsi Quincy Rambo Skinny Tank Uzi Vegas Woody Yardie Zippy Bravo Cookie Dolla "
        "Echo Fresh Goldie Henny Icey Jigga Kaspa Loco Mango Neptune Oreo Punch Rolex Snoopy "
        "Tiger Ultra Viper Whizz Xtra Yoyo Zulu Apollo Bounty Candy Diamond Eagle Fox Ghost "
        "Honey Indigo Jet King Lion Moneybags Nova Onyx Panther Razor Storm Turbo"
    ).split()
)
