"""Serial numbers: gap-free, never duplicated, also under concurrent writers."""

import threading

import pytest
from django.db import connection, transaction

from xxgk.core.models import Agency
from xxgk.core.serials import allocate, allocate_block, format_index_number, next_index_number, pattern_error


@pytest.mark.django_db
def test_sequential_per_agency_kind_and_year(agency_a, agency_b):
    with transaction.atomic():
        assert [allocate(agency_a, "case", 2026) for _ in range(3)] == [1, 2, 3]
        assert allocate(agency_b, "case", 2026) == 1
        assert allocate(agency_a, "case", 2027) == 1
        assert allocate(agency_a, "index_number", 2026) == 1


@pytest.mark.django_db
def test_a_block_is_consecutive_and_shares_the_counter(agency_a):
    with transaction.atomic():
        assert allocate(agency_a, "index_number", 2026) == 1
        assert allocate_block(agency_a, "index_number", 2026, 5) == 2  # 2…6
        assert allocate(agency_a, "index_number", 2026) == 7
        assert allocate_block(agency_a, "index_number", 2025, 3) == 1
        with pytest.raises(ValueError):
            allocate_block(agency_a, "index_number", 2026, 0)


@pytest.mark.django_db
def test_a_rolled_back_number_is_handed_out_again(agency_a):
    with transaction.atomic():
        assert allocate(agency_a, "case", 2026) == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        assert allocate(agency_a, "case", 2026) == 2
        raise RuntimeError("the caller failed after taking its number")
    with transaction.atomic():
        assert allocate(agency_a, "case", 2026) == 2


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_is_refused(agency_a):
    with pytest.raises(RuntimeError):
        allocate(agency_a, "case", 2026)


@pytest.mark.django_db
def test_index_number_pattern(agency_a):
    assert format_index_number(agency_a, 2026, 7) == "agency-a/2026-00007"
    agency_a.index_number_pattern = "{code}-{year}-{serial:06d}"
    with transaction.atomic():
        assert next_index_number(agency_a, 2026) == "agency-a-2026-000001"


@pytest.mark.parametrize(
    ("pattern", "message"),
    [("{code}/{year}", "必须包含流水号"), ("{code}/{when}-{serial}", "未知占位符"), ("{code/{serial}", "")],
)
def test_bad_patterns_are_explained(pattern, message):
    error = pattern_error(pattern)
    assert error is not None and message in error


@pytest.mark.django_db(transaction=True)
def test_eight_concurrent_threads_never_share_a_number(agency_a):
    """8 threads × 25 numbers on the real database (PostgreSQL in its half of the run, SQLite file here)."""
    agency_id = agency_a.id
    results: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(8)

    def worker():
        try:
            agency = Agency.objects.get(pk=agency_id)
            start.wait()
            for _ in range(25):
                with transaction.atomic():
                    number = allocate(agency, "case", 2026)
                with lock:
                    results.append(number)
        except BaseException as exc:  # reported below; a thread must not swallow it
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(results) == list(range(1, 201))
