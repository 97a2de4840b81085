"""An allocation round as the optimiser sees it: the money by earmark, the candidate concept
notes and the policy rules, read from the JSON that `data/round.schema.json` describes."""

import json
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from functools import cache
from importlib import resources
from typing import Any

from django.utils.translation import gettext
from jsonschema import Draft202012Validator

from poolfund.errors import DomainError

CENT = Decimal("0.01")
DEFAULT_TIME_LIMIT = 30.0
DEFAULT_MIP_REL_GAP = 0.001
DEFAULT_FORCED_RE_SOLVES = 3

NoteId = str | int
DIMENSIONS = ("thematic_area", "region", "country")


class InvalidRound(DomainError):
    code = "invalid_round"


@cache
def shipped_schema(name: str) -> dict[str, Any]:
    """`round` or `result`: the JSON Schemas shipped in `poolfund/allocation/data/`."""
    text = resources.files("poolfund.allocation").joinpath(f"data/{name}.schema.json").read_text()
    return json.loads(text)


def cents_up(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_CEILING)


def cents_down(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_FLOOR)


@dataclass(frozen=True)
class Pool:
    id: NoteId
    amount: Decimal
    thematic_area: str | None
    """None for unearmarked money, which may pay any note."""


@dataclass(frozen=True)
class Note:
    id: NoteId
    thematic_area: str
    region: str
    country: str | None
    requested: Decimal
    score: Decimal
    min_fraction: Decimal

    @property
    def value_per_usd(self) -> Decimal:
        """What one dollar given to this note adds to the objective (score * amount / requested)."""
        return self.score / self.requested if self.requested else Decimal(0)

    def group(self, dimension: str) -> str | None:
        """The note's thematic area, region or country: the groups share rules are about."""
        return getattr(self, dimension)


@dataclass(frozen=True)
class ShareRule:
    """The amount given to one group (a thematic area, region or country) must be at least or
    at most `share` of the total allocated."""

    dimension: str
    """`thematic_area`, `region` or `country`."""
    group: str
    bound: str
    """`min` or `max`."""
    share: Decimal

    @property
    def name(self) -> str:
        return f"{self.dimension}_share_{self.bound}:{self.group}"

    @property
    def family(self) -> str:
        return f"{self.dimension}_share"

    def covers(self, note: Note) -> bool:
        return note.group(self.dimension) == self.group

    def slack(self, *, group_amount: Decimal, total: Decimal) -> Decimal:
        """How far (in USD) the portfolio is from breaking the rule; negative when broken."""
        limit = self.share * total
        return limit - group_amount if self.bound == "max" else group_amount - limit


@dataclass(frozen=True)
class Rules:
    shares: tuple[ShareRule, ...]
    grant_min: Decimal
    grant_max: Decimal | None
    reserve: Decimal
    must_include: frozenset[NoteId]
    must_exclude: frozenset[NoteId]


@dataclass(frozen=True)
class RoundInput:
    """The optimiser's input, read from round JSON (what `Proposal.round_input` keeps); the
    stored round it may come from is the model `allocation.AllocationRound`."""

    pools: tuple[Pool, ...]
    notes: tuple[Note, ...]
    rules: Rules
    time_limit: float
    mip_rel_gap: float
    forced_re_solves: int

    @property
    def total_available(self) -> Decimal:
        return sum((pool.amount for pool in self.pools), Decimal(0))

    @property
    def budget(self) -> Decimal:
        """What may be allocated: all pools together less the reserve."""
        return self.total_available - self.rules.reserve

    @property
    def unearmarked(self) -> Decimal:
        return sum((p.amount for p in self.pools if p.thematic_area is None), Decimal(0))

    def earmarked_to(self, thematic_area: str) -> Decimal:
        return sum((p.amount for p in self.pools if p.thematic_area == thematic_area), Decimal(0))

    def floor(self, note: Note) -> Decimal:
        """The least a selected note may get: its partial-funding floor, the minimum grant and
        one cent (a note selected with nothing is not selected)."""
        return max(cents_up(note.min_fraction * note.requested), self.rules.grant_min, CENT)

    def ceiling(self, note: Note) -> Decimal:
        if self.rules.grant_max is None:
            return note.requested
        return min(note.requested, self.rules.grant_max)

    def ineligibility(self, note: Note) -> str | None:
        """Why the note cannot be funded whatever else is chosen, or None."""
        if not any(p.thematic_area in (None, note.thematic_area) for p in self.pools):
            return (
                f"No pool may pay it: there is no unearmarked money and no pool earmarked to "
                f"thematic area {note.thematic_area}."
            )
        if self.floor(note) > self.ceiling(note):
            return (
                f"Its smallest fundable amount ({self.floor(note)}) is above the largest it may "
                f"get ({self.ceiling(note)}): see grant_min, grant_max and min_fraction."
            )
        return None


def read_round(data: Any) -> RoundInput:
    """Validate round data against the schema and the rules' own logic; raise InvalidRound
    listing every problem found."""
    schema = shipped_schema("round")
    errors = sorted(
        Draft202012Validator(schema).iter_errors(data),
        key=lambda error: list(map(str, error.absolute_path)),
    )
    if errors:
        raise InvalidRound(
            gettext("The round is not valid: %(problems)s")
            % {"problems": "; ".join(_schema_problem(schema, e) for e in errors)}
        )
    allocation_round = _build_round(data)
    problems = _inconsistencies(allocation_round)
    if problems:
        raise InvalidRound(
            gettext("The round is not valid: %(problems)s") % {"problems": "; ".join(problems)}
        )
    return allocation_round


def _schema_problem(schema: dict[str, Any], error) -> str:
    """Where the problem is and what was expected, in the words of the schema's definitions
    ("a non-negative amount as a decimal string ...") rather than its regular expressions."""
    place = "/".join(str(part) for part in error.absolute_path) or "(top level)"
    definition = next((d for d in schema["$defs"].values() if d is error.schema), None)
    if definition is not None and "description" in definition:
        return f"{place}: {json.dumps(error.instance)} is not {definition['description']}"
    return f"{place}: {error.message}"


def _decimal(value: Any) -> Decimal:
    return Decimal(str(value))


def _area(value: Any) -> str | None:
    return None if value is None else str(value)


def _build_round(data: dict[str, Any]) -> RoundInput:
    rules_data = data.get("rules", {})
    options = data.get("options", {})
    notes = tuple(
        Note(
            id=item["id"],
            thematic_area=str(item["thematic_area"]),
            region=item["region"],
            country=item.get("country"),
            requested=_decimal(item["requested"]),
            score=_decimal(item["score"]),
            min_fraction=_decimal(item.get("min_fraction", 1)),
        )
        for item in data["notes"]
    )
    return RoundInput(
        pools=tuple(
            Pool(item["id"], _decimal(item["amount"]), _area(item.get("thematic_area")))
            for item in data["pools"]
        ),
        notes=notes,
        rules=Rules(
            shares=_share_rules(rules_data, notes),
            grant_min=_decimal(rules_data.get("grant_min", 0)),
            grant_max=(_decimal(rules_data["grant_max"]) if "grant_max" in rules_data else None),
            reserve=_decimal(rules_data.get("reserve", 0)),
            must_include=frozenset(rules_data.get("must_include", ())),
            must_exclude=frozenset(rules_data.get("must_exclude", ())),
        ),
        time_limit=float(options.get("time_limit", DEFAULT_TIME_LIMIT)),
        mip_rel_gap=float(options.get("mip_rel_gap", DEFAULT_MIP_REL_GAP)),
        forced_re_solves=int(options.get("forced_re_solves", DEFAULT_FORCED_RE_SOLVES)),
    )


def _share_rules(rules_data: dict[str, Any], notes: tuple[Note, ...]) -> tuple[ShareRule, ...]:
    shares: list[ShareRule] = []
    for area, setting in rules_data.get("thematic_area_share", {}).items():
        if "target" in setting:
            target, tolerance = _decimal(setting["target"]), _decimal(setting["tolerance"])
            setting = {"min": max(target - tolerance, 0), "max": min(target + tolerance, 1)}
        shares.extend(
            ShareRule("thematic_area", area, bound, _decimal(setting[bound]))
            for bound in ("min", "max")
            if bound in setting
        )
    for dimension in ("region", "country"):
        limit = rules_data.get(f"{dimension}_share_max")
        if limit is None:
            continue
        if isinstance(limit, dict):
            per_group = {group: _decimal(share) for group, share in limit.items()}
        else:
            groups = {note.group(dimension) for note in notes} - {None}
            per_group = dict.fromkeys(sorted(groups), _decimal(limit))
        shares.extend(
            ShareRule(dimension, group, "max", share) for group, share in per_group.items()
        )
    return tuple(shares)


def _duplicates(ids: list[NoteId]) -> list[NoteId]:
    seen: set[NoteId] = set()
    return [item for item in ids if item in seen or seen.add(item)]


def _inconsistencies(allocation_round: RoundInput) -> list[str]:
    rules = allocation_round.rules
    note_ids = {note.id for note in allocation_round.notes}
    problems = [
        gettext("pool id %(id)r is used twice") % {"id": pool_id}
        for pool_id in _duplicates([pool.id for pool in allocation_round.pools])
    ]
    problems += [
        gettext("note id %(id)r is used twice") % {"id": note_id}
        for note_id in _duplicates([note.id for note in allocation_round.notes])
    ]
    for field in ("must_include", "must_exclude"):
        unknown = getattr(rules, field) - note_ids
        if unknown:
            problems.append(
                gettext("rules/%(field)s names notes that are not in the round: %(notes)s")
                % {"field": field, "notes": sorted(map(str, unknown))}
            )
    both = rules.must_include & rules.must_exclude
    if both:
        problems.append(
            gettext("notes both included and excluded: %(notes)s")
            % {"notes": sorted(map(str, both))}
        )
    if rules.grant_max is not None and rules.grant_min > rules.grant_max:
        problems.append(gettext("rules/grant_min is above rules/grant_max"))
    if rules.reserve > allocation_round.total_available:
        problems.append(
            gettext("rules/reserve (%(reserve)s) is more than all pools together (%(total)s)")
            % {"reserve": rules.reserve, "total": allocation_round.total_available}
        )
    limits: dict[str, dict[str, Decimal]] = {}
    for share in rules.shares:
        if share.dimension == "thematic_area":
            limits.setdefault(share.group, {})[share.bound] = share.share
    for area, bounds in limits.items():
        if bounds.get("min", Decimal(0)) > bounds.get("max", Decimal(1)):
            problems.append(
                gettext("rules/thematic_area_share/%(area)s: min is above max") % {"area": area}
            )
    areas_with_notes = {note.thematic_area for note in allocation_round.notes}
    problems += [
        gettext(
            "rules/thematic_area_share/%(area)s: a minimum share for an area with no candidate "
            "note would leave nothing to allocate"
        )
        % {"area": area}
        for area, bounds in limits.items()
        if bounds.get("min", Decimal(0)) > 0 and area not in areas_with_notes
    ]
    if sum((bounds.get("min", Decimal(0)) for bounds in limits.values()), Decimal(0)) > 1:
        problems.append(
            gettext("rules/thematic_area_share: the minimum shares add up to more than 1")
        )
    return problems
