"""The words of the demo's recommendations, amendments, comments, votes and minority
reports (``drafting_story`` replays them).

Ballots: ``online`` has one letter per member with an account, in account order
(participant1…, juror1…): F fully support, R with reservations, L can live with it,
N do not support, O strongly opposed, A abstain. ``paper`` counts the ballots the other
members cast on paper in the room, by the same letters.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DemoAmendment:
    """An amendment: the sentence it adds, why, and how the drafting group decided."""

    proposer: int
    addition: str
    reason: str
    accepted: bool
    decision_note: str = ""
    online: str = ""
    paper: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class DemoRecommendation:
    """One recommendation, its drafting and its vote."""

    number: int
    theme: str
    title: str
    text: str
    rationale: str
    drafter: int
    online: str
    paper: dict[str, int]
    joiners: tuple[int, ...] = ()
    #: A first wording, later edited into ``text`` by the first joiner (with ``edit_note``).
    first_text: str = ""
    edit_note: str = ""
    comments: tuple[tuple[int, str], ...] = ()
    amendment: DemoAmendment | None = None


@dataclass(frozen=True)
class DemoMinority:
    """A minority report and who supports it (its author supports it from the start)."""

    author: int
    title: str
    text: str
    about: int | None
    supporters: tuple[int, ...]


_HEATING = "Heating our homes"
_TRANSPORT = "How we travel"
_PAYING = "Who pays"

CLIMATE: tuple[DemoRecommendation, ...] = (
    DemoRecommendation(
        1,
        _HEATING,
        "A Riverford retrofit fund",
        "The council should set up a Riverford retrofit fund by April 2027 that pays for "
        "insulation and heat pumps up front and is repaid from the savings on energy bills. "
        "Households on low incomes should pay nothing back.",
        "Most of Riverford's homes were built before 1950 and leak heat. People told us the "
        "up-front cost, not the will, is what stops them.",
        drafter=1,
        joiners=(6, 10),
        first_text="The council should help households pay for insulation and heat pumps.",
        edit_note="Made it specific: who runs it, by when, and who pays nothing back.",
        online="FFFFFFFRRRLA",
        paper={"F": 7, "R": 3, "L": 1, "N": 1},
    ),
    DemoRecommendation(
        2,
        _HEATING,
        "A heat network for the town centre",
        "The council should build a district heat network for the town centre and the Mill "
        "Road estate, using heat from the river and the sewage works, and connect its own "
        "buildings first.",
        "A network heats many homes at once without a boiler in each, and the evidence we "
        "heard shows the town centre is dense enough for one.",
        drafter=4,
        joiners=(12,),
        comments=(
            (3, "Who owns the network? It must not become a private monopoly on our heat."),
            (4, "Good point: we added that the council connects its own buildings first."),
        ),
        online="FFFFRRRRLLNO",
        paper={"F": 4, "R": 3, "L": 2, "N": 2, "A": 1},
    ),
    DemoRecommendation(
        3,
        _HEATING,
        "Council homes first",
        "Every council home should be insulated to at least energy rating C by 2030, "
        "starting with the coldest streets, at no cost to tenants.",
        "The council can act on its own homes today, without waiting for the government, "
        "and its tenants are among those hit hardest by energy bills.",
        drafter=9,
        online="FFFFFFFFFRRL",
        paper={"F": 8, "R": 2, "L": 1, "N": 1},
    ),
    DemoRecommendation(
        4,
        _TRANSPORT,
        "Free buses for under-25s",
        "Bus travel in Riverford should be free for everyone under 25, paid for by the "
        "workplace parking levy.",
        "Young people told us they cannot afford to get to college or work without a car; "
        "habits formed young last.",
        drafter=2,
        joiners=(5,),
        amendment=DemoAmendment(
            proposer=12,
            addition="The same should apply to job seekers of any age.",
            reason="Someone looking for work at 40 is as stuck without a bus as someone at 20.",
            accepted=True,
            decision_note="Agreed at table 3: it costs little and helps people back to work.",
        ),
        online="FFFFFFRRLLNO",
        paper={"F": 6, "R": 3, "L": 1, "N": 2},
    ),
    DemoRecommendation(
        5,
        _TRANSPORT,
        "A workplace parking levy",
        "Employers in Riverford with more than ten parking spaces should pay a yearly levy "
        "for each space, from 2028; every penny should go to buses, cycling and walking.",
        "Nottingham's levy has paid for trams and buses for over a decade. Free parking at "
        "work is the strongest reason people give for driving in.",
        drafter=5,
        joiners=(2, 8),
        comments=(
            (7, "Many of us drive because the first bus is too late for an early shift."),
            (11, "The levy must not land on workers: the employers pay it, not the staff."),
        ),
        amendment=DemoAmendment(
            proposer=11,
            addition="Spaces used by night-shift staff of the hospital and care homes should "
            "be exempt until a bus serves their shifts.",
            reason="Night-shift carers have no bus at 6 in the morning; they would pay for a "
            "choice they do not have.",
            accepted=False,
            decision_note="We could not agree at the table: the whole assembly should decide.",
            online="FFFFFRRRLLLN",
            paper={"F": 5, "R": 2, "L": 2, "N": 1, "O": 1, "A": 1},
        ),
        online="FFFFRRRRLLNO",
        paper={"F": 3, "R": 4, "L": 3, "N": 1, "O": 1},
    ),
    DemoRecommendation(
        6,
        _TRANSPORT,
        "A car-free city centre on weekdays",
        "The city centre inside the ring road should be closed to private cars from 7 am to "
        "7 pm on weekdays from 2028, with access for disabled drivers, deliveries and "
        "residents.",
        "Cleaner air near the schools and a centre people want to walk in.",
        drafter=3,
        comments=(
            (7, "Shops on the ring road will lose customers from the villages."),
            (1, "Could we start with one day a week and see?"),
        ),
        online="FFFRRLLNNNOO",
        paper={"F": 2, "R": 2, "L": 2, "N": 3, "O": 2, "A": 1},
    ),
    DemoRecommendation(
        7,
        _PAYING,
        "Costs follow income",
        "No household with an income below the Riverford median should pay more because of "
        "these measures: the council should publish, each year, who pays for its climate "
        "plan, by income band.",
        "Fairness was the value every table put first. Measures that hit people who already "
        "struggle will lose the public's support.",
        drafter=6,
        joiners=(9,),
        online="FFFFFFFFRRRL",
        paper={"F": 8, "R": 2, "L": 1, "N": 1},
    ),
    DemoRecommendation(
        8,
        _PAYING,
        "A Riverford climate bond",
        "The council should issue a climate bond that residents can buy from £5, paying a "
        "modest return, to fund the heat network and the retrofit fund.",
        "People want a stake in what changes, and local money keeps the benefit local.",
        drafter=10,
        joiners=(4,),
        online="FFFFFRRRLLNA",
        paper={"F": 4, "R": 3, "L": 3, "N": 1, "A": 1},
    ),
)

CLIMATE_MINORITY: tuple[DemoMinority, ...] = (
    DemoMinority(
        author=11,
        title="The parking levy will fall on shift workers",
        text="We accept the need to cut car journeys, but a levy on workplace parking will be "
        "passed on to staff who have no other way to work: carers, cleaners and warehouse "
        "workers on early and late shifts. Until buses run at those hours, the levy should "
        "not start.",
        about=5,
        supporters=(7, 3),
    ),
    DemoMinority(
        author=3,
        title="Heating needed more time",
        text="The session on heating was cut to one hour. Our recommendations on heating are "
        "sound, but they would have been bolder had we had the time we were promised.",
        about=None,
        supporters=(),
    ),
)

_PARKS = "Our parks"

PARKS: tuple[DemoRecommendation, ...] = (
    DemoRecommendation(
        1,
        _PARKS,
        "Keep every park open and free",
        "Close no park and sell no parkland.",
        "Parks are the one place everyone can go without paying.",
        drafter=1,
        online="FFFFFFFR",
        paper={"F": 14, "R": 2},
    ),
    DemoRecommendation(
        2,
        _PARKS,
        "Friends-of groups get a real budget",
        "£150,000 a year shared between volunteer groups, with training and insurance paid by "
        "the council.",
        "Volunteers already do much of the work; they need tools, training and cover.",
        drafter=2,
        online="FFFFRRLN",
        paper={"F": 8, "R": 4, "L": 2, "N": 2},
    ),
    DemoRecommendation(
        3,
        _PARKS,
        "Cafés and events may raise money, within limits",
        "No more than 5% of any park for commercial use, and never the play areas.",
        "Income keeps parks open, but a park is not a venue.",
        drafter=3,
        online="FRRLLNNO",
        paper={"F": 4, "R": 4, "L": 4, "N": 3, "O": 1},
    ),
    DemoRecommendation(
        4,
        _PARKS,
        "Let some grass grow",
        "Mow a third less, plant meadows, and save the money for staff.",
        "Meadows cost less to keep and bring back insects and birds.",
        drafter=4,
        online="FFFRRLLN",
        paper={"F": 6, "R": 4, "L": 2, "N": 3, "O": 1},
    ),
    DemoRecommendation(
        5,
        _PARKS,
        "Tell us what happens",
        "Publish a yearly parks budget that anyone can read.",
        "We can only trust savings we can see.",
        drafter=5,
        online="FFFFFFFF",
        paper={"F": 15, "R": 1},
    ),
)

PARKS_MINORITY: tuple[DemoMinority, ...] = (
    DemoMinority(
        author=6,
        title="No commercial events in parks",
        text="Commercial events should not be allowed in parks at all: they close parts of the "
        "park to people who cannot pay, and the income is small beside what is lost.",
        about=3,
        supporters=(7, 8),
    ),
)
