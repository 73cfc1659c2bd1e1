"""The invitation lottery: upload an address list, draw the addresses to invite.

The draw is deterministic from the list and a seed, so that anyone holding both can
re-run it (``draw_rows``): every address gets the key SHA-256(``seed`` + ":" + row) in
hexadecimal, where row is its row number in the uploaded file; within each area (or
over the whole list, for a uniform draw) the addresses with the smallest keys are drawn.
``result_sha256`` is the SHA-256 of the drawn row numbers, sorted ascending, each written
in decimal and followed by a newline ("3\\n17\\n…"). Both the seed and that hash are in
the public ledger; the addresses never are.

Each drawn address gets a registration code: 8 characters from an alphabet without
0, O, 1, I and L, made with ``secrets`` and unique across the site, printed as
``K7QX-M3PA``. ``normalise_code`` accepts it in any case, with or without the dash.
"""

from __future__ import annotations

import hashlib
import random
import secrets
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence

from minipublic import clock
from minipublic.integrity.record import append
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import Actor, performs
from minipublic.processes.actions import _actor_role, _person
from minipublic.processes.models import Process
from minipublic.recruitment.addresses import read_addresses
from minipublic.recruitment.models import (
    Address,
    AddressList,
    Invitation,
    InvitationDraw,
    PersonalDataExport,
)

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8
NAME_MAX = 200
SEED_MAX = 200
#: The longest invitation text printed on the letters.
LETTER_TEXT_MAX = 1500


# ---------------------------------------------------------------- codes


def new_code(rng: random.Random | None = None) -> str:
    """A fresh random registration code (8 characters, not yet checked for uniqueness).

    The characters come from ``secrets``; only the demo passes a seeded ``rng``.
    """
    choice: Callable[[str], str] = secrets.choice if rng is None else rng.choice
    return "".join(choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    """The code as printed on letters: two groups of four, ``K7QX-M3PA``."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def normalise_code(text: str) -> str:
    """The stored form of a code as someone typed it: upper case, no dashes or spaces."""
    return "".join(char for char in text.upper() if char.isalnum())


def _unique_codes(count: int, rng: random.Random | None = None) -> list[str]:
    codes: list[str] = []
    while len(codes) < count:
        # In the order made (not a set's order), so that a seeded rng gives the same codes.
        made = dict.fromkeys(new_code(rng) for _ in range(count - len(codes)))
        wanted = [code for code in made if code not in codes]
        taken = set(Invitation.objects.filter(code__in=wanted).values_list("code", flat=True))
        codes.extend(code for code in wanted if code not in taken)
    return codes[:count]


# ---------------------------------------------------------------- the draw


def draw_key(seed: str, row: int) -> str:
    """An address's place in the lottery: SHA-256 of "<seed>:<row>", in hexadecimal."""
    return hashlib.sha256(f"{seed}:{row}".encode()).hexdigest()


def draw_rows(
    addresses: Iterable[tuple[int, str]],
    *,
    size: int,
    letters_per_area: Mapping[str, int] | None,
    seed: str,
) -> list[int]:
    """The rows drawn from ``addresses`` (row, area) pairs, sorted ascending.

    Uniform (``letters_per_area`` empty): the ``size`` rows with the smallest keys.
    Stratified: in each area, the ``letters_per_area[area]`` rows with the smallest keys.
    Pure and deterministic: the same list and seed always give the same rows.
    """
    pairs = list(addresses)
    if not letters_per_area:
        ranked = sorted(pairs, key=lambda pair: draw_key(seed, pair[0]))
        return sorted(row for row, _ in ranked[:size])
    drawn: list[int] = []
    for area, count in letters_per_area.items():
        in_area = [row for row, where in pairs if where == area]
        drawn.extend(sorted(in_area, key=lambda row: draw_key(seed, row))[:count])
    return sorted(drawn)


def result_sha256(rows: Sequence[int]) -> str:
    """SHA-256 of the drawn rows, ascending, each in decimal followed by a newline."""
    return hashlib.sha256("".join(f"{row}\n" for row in sorted(rows)).encode()).hexdigest()


def area_counts(address_list: AddressList) -> dict[str, int]:
    """How many addresses of the list are in each area (empty when it has no areas)."""
    if not address_list.area_column:
        return {}
    counts = Counter(address_list.addresses.values_list("area", flat=True))
    return dict(sorted(counts.items()))


def _check_draw(
    address_list: AddressList,
    size: int,
    letters_per_area: Mapping[str, int] | None,
    seed: str,
) -> tuple[int, dict[str, int]]:
    if not seed.strip():
        raise LifecycleError("invitation_seed_missing", "Give the seed of the draw.")
    if len(seed) > SEED_MAX:
        raise LifecycleError(
            "invitation_seed_too_long", "A seed has at most {limit} characters.", limit=SEED_MAX
        )
    total = address_list.addresses.count()
    per_area = {area: count for area, count in (letters_per_area or {}).items() if count}
    if not per_area:
        if size < 1:
            raise LifecycleError("invitation_size", "Draw at least one invitation.")
        if size > total:
            raise LifecycleError(
                "invitation_too_many",
                "{size} invitations cannot be drawn from a list of {available} addresses.",
                size=size,
                available=total,
            )
        return size, {}
    counts = area_counts(address_list)
    for area, count in per_area.items():
        if area not in counts:
            raise LifecycleError(
                "invitation_area_unknown", "{area} is not an area of the list.", area=area
            )
        if count < 0 or count > counts[area]:
            raise LifecycleError(
                "invitation_area_too_many",
                "{size} invitations cannot be drawn from the {available} addresses in {area}.",
                size=count,
                available=counts[area],
                area=area,
            )
    return sum(per_area.values()), dict(sorted(per_area.items()))


# ---------------------------------------------------------------- named actions


@performs(Action.MANAGE_RECRUITMENT)
def do_upload_address_list(
    actor: Actor,
    process: Process,
    *,
    name: str,
    filename: str,
    content: bytes,
    area_column: str = "",
) -> AddressList:
    """Import an address list whole, or raise a LifecycleError naming the bad row and column.

    The ledger records its size, hash and addresses per area, never an address.
    """
    name = name.strip()
    if not name:
        raise LifecycleError("address_list_needs_name", "Give the address list a name.")
    if len(name) > NAME_MAX:
        raise LifecycleError(
            "address_list_name_too_long", "A name has at most {limit} characters.", limit=NAME_MAX
        )
    rows = read_addresses(filename, content, area_column)
    address_list = AddressList.objects.create(
        process=process,
        name=name,
        filename=filename[:200],
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_at=clock.now(),
        area_column=area_column.strip(),
    )
    Address.objects.bulk_create(
        Address(
            address_list=address_list,
            row=row.row,
            lines=row.lines,
            postcode=row.postcode,
            area=row.area,
        )
        for row in rows
    )
    append(
        process,
        _actor_role(actor, process, Action.MANAGE_RECRUITMENT),
        "addresses.uploaded",
        {
            "list": address_list.pk,
            "name": name,
            "rows": len(rows),
            "sha256": address_list.sha256,
            "areas": area_counts(address_list),
        },
    )
    return address_list


@performs(Action.MANAGE_RECRUITMENT)
def do_draw_invitations(
    actor: Actor,
    process: Process,
    address_list: AddressList,
    *,
    size: int,
    letters_per_area: dict[str, int] | None = None,
    seed: str,
    rng: random.Random | None = None,
) -> InvitationDraw:
    """Draw the addresses to invite (see ``draw_rows``), each with a new registration code.

    With ``letters_per_area`` the draw is stratified and ``size`` must be their sum (or 0).
    ``rng`` seeds the codes (the demo only; see ``new_code``); the draw never uses it.
    """
    if address_list.process_id != process.pk:
        raise LifecycleError(
            "address_list_elsewhere", "That address list belongs to another process."
        )
    total, per_area = _check_draw(address_list, size, letters_per_area, seed)
    if per_area and size and size != total:
        raise LifecycleError(
            "invitation_size_mismatch",
            "The letters per area add up to {total}, not {size}.",
            total=total,
            size=size,
        )
    addresses = {a.row: a for a in address_list.addresses.all()}
    rows = draw_rows(
        ((row, a.area) for row, a in addresses.items()),
        size=total,
        letters_per_area=per_area,
        seed=seed,
    )
    role = _actor_role(actor, process, Action.MANAGE_RECRUITMENT)
    draw = InvitationDraw.objects.create(
        process=process,
        address_list=address_list,
        size=total,
        letters_per_area=per_area,
        seed=seed,
        result_sha256=result_sha256(rows),
        drawn_at=clock.now(),
        drawn_by_role=role,
    )
    Invitation.objects.bulk_create(
        Invitation(draw=draw, address=addresses[row], code=code)
        for row, code in zip(rows, _unique_codes(len(rows), rng), strict=True)
    )
    append(
        process,
        role,
        "invitations.drawn",
        {
            "draw": draw.pk,
            "list": address_list.pk,
            "size": total,
            "letters_per_area": per_area,
            "seed": seed,
            "result_sha256": draw.result_sha256,
        },
    )
    return draw


@performs(Action.MANAGE_RECRUITMENT)
def do_set_letter_text(
    actor: Actor, process: Process, draw: InvitationDraw, text: str
) -> InvitationDraw:
    """Store the invitation text printed on the letters of ``draw``; blank means the default.

    The ledger keeps the text's SHA-256 and length (not the text): letters printed later
    can be checked against what was recorded.
    """
    if draw.process_id != process.pk:
        raise LifecycleError("invitation_draw_elsewhere", "That draw belongs to another process.")
    body = text.replace("\r\n", "\n").strip()
    if len(body) > LETTER_TEXT_MAX:
        raise LifecycleError(
            "letter_text_too_long",
            "The invitation text has at most {limit} characters; this one has {length}.",
            limit=LETTER_TEXT_MAX,
            length=len(body),
        )
    draw = InvitationDraw.objects.get(pk=draw.pk)
    if draw.letter_text == body:
        return draw
    draw.letter_text = body
    draw.save(update_fields=["letter_text"])
    append(
        process,
        _actor_role(actor, process, Action.MANAGE_RECRUITMENT),
        "invitations.letter_text_set",
        {
            "draw": draw.pk,
            "sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(),
            "characters": len(body),
        },
    )
    return draw


@performs(Action.VIEW_REGISTRANTS)
def do_log_letters_export(
    actor: Actor, process: Process, draw: InvitationDraw, *, what: str
) -> PersonalDataExport:
    """Record that ``actor`` exported the letters of ``draw`` (they hold addresses)."""
    if draw.process_id != process.pk:
        raise LifecycleError("invitation_draw_elsewhere", "That draw belongs to another process.")
    return PersonalDataExport.objects.create(
        process=process,
        exported_by=_person(actor),
        exported_by_role=_actor_role(actor, process, Action.VIEW_REGISTRANTS),
        what=what,
        rows=draw.invitations.count(),
        exported_at=clock.now(),
    )
