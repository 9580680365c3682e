"""Shared test configuration: hypothesis profiles.

``HYPOTHESIS_PROFILE=ci`` (set by ``.ci/run``) runs more examples without a time deadline;
the default ``dev`` profile keeps local runs quick.

The fuzz tests (``tests/test_fuzz_*.py``) run with their own profiles, chosen by the same
variable (see ``fuzz_mutations.FUZZ``): ``fuzz-ci`` with 2,000 examples per entry point for
``ci``, ``fuzz-big`` with 6,000 for ``big``, ``fuzz-dev`` otherwise; each example has 2 s at most.
"""

import os
import shutil

import pytest
from hypothesis import HealthCheck, settings

from xiaojie._privacy import forget_names


settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile("dev", max_examples=60, deadline=None)
_FUZZ_CHECKS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]
settings.register_profile(
    "fuzz-ci",
    max_examples=2000,
    deadline=2000,
    derandomize=True,
    suppress_health_check=_FUZZ_CHECKS,
    print_blob=True,
)
settings.register_profile(
    "fuzz-big", max_examples=6000, deadline=2000, suppress_health_check=_FUZZ_CHECKS
)
settings.register_profile(
    "fuzz-dev", max_examples=80, deadline=2000, suppress_health_check=_FUZZ_CHECKS
)
settings.register_profile("big", max_examples=300, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(autouse=True)
def _forget_names():
    """Start and end every test with no known names: the personal-data filter's registry is
    process-wide, so names a test's ledger registered must not mask another test's text."""
    forget_names()
    yield
    forget_names()


@pytest.fixture
def clean_registry():
    """Leave the calendar's registered holiday notices as they were, whatever a test registers."""
    from xiaojie.dates import holiday_notices
    from xiaojie.dates._workdays import restore_holiday_notices

    before = holiday_notices()
    yield
    restore_holiday_notices(before)


class _ExampleFolders:
    """New empty folders for hypothesis examples; each name's previous folder is removed."""

    def __init__(self, factory):
        self._factory = factory
        self._last = {}

    def __call__(self, name):
        previous = self._last.pop(name, None)
        if previous is not None:
            shutil.rmtree(previous, ignore_errors=True)
        self._last[name] = folder = self._factory.mktemp(name)
        return folder


@pytest.fixture(scope="session")
def example_folder(tmp_path_factory):
    """``example_folder(name)``: a new empty folder for one hypothesis example.

    A fuzz test writes a file for each of its 2,000 examples in CI; folders of
    ``tmp_path_factory`` stay until the session ends (2 GB at a third of the run), so each
    call removes the folder the previous call of that name gave. Each test uses names of its
    own, so that the folder of a failing example stays for reading.
    """
    return _ExampleFolders(tmp_path_factory)


@pytest.fixture(scope="session")
def spark(tmp_path_factory):
    """One local SparkSession for every Spark test (its catalog's folder a temporary one)."""
    ci = os.environ.get("CI") == "true"
    if shutil.which("java") is None:  # pragma: no cover
        if ci:
            pytest.fail("CI=true: the Spark tests need java (.ci/system-packages installs it)")
        pytest.skip("no Java runtime")
    try:
        from pyspark.sql import SparkSession
    except ImportError:  # pragma: no cover
        if ci:
            pytest.fail("CI=true: the Spark tests need pyspark (pip install 'xiaojie[spark]')")
        pytest.skip("pyspark is not installed")
    session = (
        SparkSession.builder.master("local[2]")
        .appName("xiaojie-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.warehouse.dir", str(tmp_path_factory.mktemp("spark-warehouse")))
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
