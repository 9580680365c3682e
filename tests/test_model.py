"""Model objects validate themselves on construction and stay immutable."""

import datetime as dt

import attrs
import pytest
from hypothesis import given

import xiaojie as xj
from model_strategies import plans
from xiaojie.dates import Comparator, Period
from xiaojie.model import Responsibility, Role


UNIT = xj.ResponsibleUnit(id="a", name="自治区甲厅")
OTHER = xj.ResponsibleUnit(id="b", name="自治区乙厅")


class TestTask:
    def test_needs_an_owner(self):
        """A task without responsible units is refused, naming the task."""
        with pytest.raises(
            xj.PlanValidationError, match=r"task 3\.units: expected at least one responsible unit"
        ):
            xj.Task(number=3, title="x", campaign=1, responsibilities=())

    def test_first_owner_leads(self):
        """The lead must come first, and only once."""
        with pytest.raises(xj.PlanValidationError, match="the first unit as the only lead"):
            xj.Task(
                number=1,
                title="x",
                campaign=1,
                responsibilities=(
                    Responsibility(UNIT, Role.CO_RESPONSIBLE),
                    Responsibility(OTHER, Role.LEAD),
                ),
            )

    def test_owner_listed_once(self):
        """A unit listed twice in one task is refused."""
        with pytest.raises(
            xj.PlanValidationError, match=r"units\[1\]: expected each unit listed once"
        ):
            xj.Task(
                number=1,
                title="x",
                campaign=1,
                responsibilities=(
                    Responsibility(UNIT, Role.LEAD),
                    Responsibility(UNIT, Role.CO_RESPONSIBLE),
                ),
            )

    def test_shared_list_checked_for_every_task(self):
        """A list of units shared by many tasks is refused for each of them, and a good one kept."""
        bad = (Responsibility(UNIT, Role.LEAD), Responsibility(UNIT, Role.CO_RESPONSIBLE))
        good = (Responsibility(UNIT, Role.LEAD), Responsibility(OTHER, Role.CO_RESPONSIBLE))
        for number in (1, 2, 3):
            with pytest.raises(xj.PlanValidationError, match=rf"task {number}\.units\[1\]"):
                xj.Task(number=number, title="x", campaign=1, responsibilities=bad)
            task = xj.Task(number=number, title="x", campaign=1, responsibilities=good)
            assert task.responsibilities is good
        twice = (Responsibility(OTHER, Role.LEAD), Responsibility(OTHER, Role.CO_RESPONSIBLE))
        with pytest.raises(xj.PlanValidationError, match=r"task 4\.units\[1\]"):
            xj.Task(number=4, title="x", campaign=1, responsibilities=twice)

    def test_number_positive(self):
        """Task numbers are positive integers."""
        with pytest.raises(
            xj.PlanValidationError, match="number: expected a positive integer, found 0"
        ):
            xj.Task(
                number=0, title="x", campaign=1, responsibilities=(Responsibility(UNIT, Role.LEAD),)
            )

    def test_frozen(self):
        """Tasks cannot be changed in place; attrs.evolve makes a changed copy."""
        task = xj.load_plan().task(1)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            task.title = "changed"  # type: ignore[misc]

        assert "changed" == attrs.evolve(task, title="changed").title


class TestItems:
    def test_milestone_needs_due_date(self):
        """A milestone with an open end has no due date and is refused."""
        with pytest.raises(xj.PlanValidationError, match="a period with an end"):
            xj.Milestone(id="m", title="x", when=Period(dt.date(2025, 1, 1), None))

    def test_phase_needs_both_bounds(self):
        """A phase is a window with a start and an end."""
        with pytest.raises(xj.PlanValidationError, match="a period with a start and an end"):
            xj.Phase(id="p", number=1, name="x", when=Period(None, dt.date(2025, 1, 1)))

    def test_staged_targets_in_order(self):
        """Staged targets must be listed in order of their due dates."""
        late = xj.Target(
            value=85, comparator=Comparator.AT_LEAST, due=Period(None, dt.date(2025, 10, 31))
        )
        early = xj.Target(
            value=60, comparator=Comparator.AT_LEAST, due=Period(None, dt.date(2025, 7, 31))
        )
        with pytest.raises(xj.PlanValidationError, match="staged targets in order of due date"):
            xj.Indicator(id="i", name="x", targets=(late, early))

    def test_item_ids(self):
        """Item ids are lower-case ASCII slugs."""
        with pytest.raises(ValueError, match="'id' must match regex"):
            xj.Milestone(id="Not An Id", title="x", when=Period(None, dt.date(2025, 1, 1)))


class TestPlan:
    def test_unknown_owner_in_item(self):
        """An item owned by a unit that is not in the plan's registry is refused with its path."""
        plan = xj.load_plan()
        stranger = xj.ResponsibleUnit(id="stranger", name="自治区外事办")
        bad = attrs.evolve(plan.milestones[0], owners=(stranger,))
        with pytest.raises(
            xj.PlanFileError,
            match=r"milestones\[0\]\.owners\[0\]: expected a unit of the plan's registry",
        ):
            attrs.evolve(plan, milestones=(bad, *plan.milestones[1:]))

    def test_owners_of_falls_back_to_task(self):
        """An indicator without its own owners answers through its task's units."""
        plan = xj.load_plan()
        spending = plan.item("spending-progress")

        assert plan.task(21).units == plan.owners_of(spending)
        assert () == plan.owners_of(plan.item("migrant-income-growth"))

    def test_unit_order_is_document_order(self):
        """Units are ordered by first appearance in the plan, not alphabetically."""
        order = xj.load_plan().unit_order()

        assert 0 == order["rural_work_group_members"]
        assert order["agriculture"] < order["education"] < order["finance"]

    @given(plans())
    def test_generated_plans_hashable_and_equal_to_copies(self, plan):
        """Plans are values: equal to an evolved copy with nothing changed, and hashable."""
        assert plan == attrs.evolve(plan)
        assert hash(plan) == hash(attrs.evolve(plan))
