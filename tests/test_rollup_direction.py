"""Roll-up ranking and lagging follow the direction of the indicator's target (≤, <, ≥, >, =)."""

import datetime as dt
import json

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import xiaojie as xj
from xiaojie.cli import main
from xiaojie.dates import Comparator
from xiaojie.model import Target
from xiaojie.places import load_places
from xiaojie.progress import Measurement, Progress, write_progress
from xiaojie.rollup import rollup


PLAN = xj.load_plan()
AS_OF = dt.date(2025, 8, 1)
COUNTIES = load_places().at_level("county")


def _measured(item, values):
    """Each county's progress: one measurement of ``item`` on 2025-07-31 (None: nothing)."""
    return {
        county.name: Progress([] if value is None else [Measurement(item, "2025-07-31", value)])
        for county, value in zip(COUNTIES, values, strict=False)
    }


class TestBundledTargets:
    def test_dropout_zero_ranks_the_fewest_first_and_names_the_county_with_dropouts(self):
        """动态清零 (<= 0 人): 5 dropouts is the worst value and lags; 0 meets the target."""
        r = rollup(
            PLAN,
            {
                "同心县": Progress([Measurement("dropout-zero", "2025-07-31", 5)]),
                "盐池县": Progress([Measurement("dropout-zero", "2025-07-31", 0)]),
                "红寺堡区": Progress(),
            },
            as_of=AS_OF,
        )

        assert [("盐池县", 0.0), ("同心县", 5.0), ("红寺堡区", None)] == [
            (x.place.name, x.value) for x in r.ranking("dropout-zero")
        ]
        assert ["同心县"] == [x.place.name for x in r.lagging("dropout-zero")]
        assert Comparator.AT_MOST == r.target("dropout-zero").comparator
        assert "not_met" == r.place("同心县").snapshot.entry("dropout-zero#0").result.value

    def test_exactly_the_bound_of_a_strict_target_lags(self):
        """高于60% (> 60): a value of exactly 60 does not meet it, so the county lags."""
        r = rollup(
            PLAN,
            {
                "红寺堡区": Progress([Measurement("industry-share", "2025-07-31", 60)]),
                "盐池县": Progress([Measurement("industry-share", "2025-07-31", 60.5)]),
            },
            as_of=AS_OF,
        )

        assert ["红寺堡区"] == [x.place.name for x in r.lagging("industry-share")]
        assert ["盐池县", "红寺堡区"] == [x.place.name for x in r.ranking("industry-share")]

    def test_at_least_targets_keep_their_order(self):
        """达到60% (>= 60): highest first, exactly 60 meets the target (as before)."""
        r = rollup(PLAN, _measured("spending-progress", [58, 60, 71.5]), as_of=AS_OF)

        assert [71.5, 60.0, 58.0] == [x.value for x in r.ranking("spending-progress")]
        assert [58.0] == [x.value for x in r.lagging("spending-progress")]

    def test_an_explicit_bound_still_means_below_it(self):
        """``below=`` names the places under that number, whatever the target's direction."""
        r = rollup(PLAN, _measured("dropout-zero", [5, 0, 2]), as_of=AS_OF)

        assert [0.0, 2.0] == sorted(x.value for x in r.lagging("dropout-zero", below=5))

    def test_cli_json_and_report_name_the_county_with_dropouts(self, tmp_path, capsys):
        """``xiaojie rollup --json`` lists 同心县 as lagging on dropout-zero, ranked after 盐池县."""
        write_progress(
            Progress([Measurement("dropout-zero", "2025-07-31", 5)]), tmp_path / "640324-同心县.csv"
        )
        write_progress(
            Progress([Measurement("dropout-zero", "2025-07-31", 0)]), tmp_path / "640323-盐池县.csv"
        )
        files = [str(tmp_path / "640324-同心县.csv"), str(tmp_path / "640323-盐池县.csv")]

        code = main(
            ["rollup", *files, "--as-of", "2025-08-01", "--indicator", "dropout-zero", "--json"]
        )
        data = json.loads(capsys.readouterr().out)["indicators"]["dropout-zero"]

        assert 0 == code
        assert ["同心县"] == data["lagging"]
        assert ["盐池县", "同心县"] == [x["place"] for x in data["ranking"]]


COMPARATORS = st.sampled_from(list(Comparator))
BOUNDS = st.integers(-5, 5).map(float)
# values near the bound, so that every comparator is both met and missed, ties included
VALUES = st.lists(st.one_of(st.none(), st.integers(-8, 8).map(float)), min_size=1, max_size=8)


def _plan_with(comparator, bound):
    """The bundled plan with dropout-zero's target replaced by ``comparator bound``."""
    target = Target(value=bound, comparator=comparator, unit="人")
    indicators = [
        attrs.evolve(i, targets=(target,)) if i.id == "dropout-zero" else i for i in PLAN.indicators
    ]
    return attrs.evolve(PLAN, indicators=indicators), target


@settings(max_examples=settings.default.max_examples * 3, deadline=None)
@given(comparator=COMPARATORS, bound=BOUNDS, values=VALUES)
def test_lagging_is_exactly_not_meeting_the_target(comparator, bound, values):
    """For every comparator: lagging = reported and not meeting; meeting places rank first."""
    plan, target = _plan_with(comparator, bound)
    r = rollup(plan, _measured("dropout-zero", values), as_of=AS_OF)

    ranked = r.ranking("dropout-zero")
    lagging = {x.place.code for x in r.lagging("dropout-zero")}
    short = {x.place.code for x in ranked if x.value is not None and not target.met_by(x.value)}
    assert short == lagging
    met = [x.value is not None and target.met_by(x.value) for x in ranked]
    reported = [x.value is not None for x in ranked]
    assert met == sorted(met, reverse=True)  # every place meeting it before any other
    assert reported == sorted(reported, reverse=True)  # places without a value last
    # lagging agrees with the status the roll-up computed for each place
    for x in ranked:
        if x.value is not None:
            result = r.place(x.place.code).snapshot.entry("dropout-zero#0").result
            assert (x.place.code in lagging) == (result.value == "not_met")


@settings(deadline=None)
@given(comparator=COMPARATORS, bound=BOUNDS, values=VALUES)
def test_ranking_puts_the_better_value_first(comparator, bound, values):
    """Among reported places, a better value (for the target's direction) never ranks lower."""
    plan, _ = _plan_with(comparator, bound)
    r = rollup(plan, _measured("dropout-zero", values), as_of=AS_OF)

    shown = [x.value for x in r.ranking("dropout-zero") if x.value is not None]
    if comparator in {Comparator.AT_LEAST, Comparator.MORE_THAN}:
        assert shown == sorted(shown, reverse=True)
    elif comparator in {Comparator.AT_MOST, Comparator.LESS_THAN}:
        assert shown == sorted(shown)
    else:
        assert [abs(v - bound) for v in shown] == sorted(abs(v - bound) for v in shown)
