"""`provision_constituencies`: every constituency in a list, with progress, safely re-runnable."""

import io

import pytest
from django.core.management import CommandError, call_command
from django_tenants.utils import schema_exists

from constituencies.constituency_list import (
    BUNDLED_CONSTITUENCIES_CSV,
    listings_for_nation,
    read_constituency_list,
)
from constituencies.models import Constituency
from constituencies.provisioning import schema_name_for


def invented(rows: str) -> str:
    """A list of invented constituencies: each row says why it may differ from the
    bundled list (its codes are not in it, so no test clashes with a real one)."""
    header, *lines = rows.strip().splitlines()
    reason = "An invented constituency"
    return "\n".join([f"{header},override_reason", *(f"{line},{reason}" for line in lines)]) + "\n"


LIST = invented(
    """PCON25NM,PCON25CD
Testford North,E14999901
"Bridgeton, Upper and Lower",E14999911
Glen Test,S14999912
Llan Test,W07999913
Belfast Test,N05999914
"""
)


@pytest.fixture
def constituency_list(tmp_path):
    path = tmp_path / "constituencies.csv"
    path.write_text(LIST)
    return path


def _run(path, *extra):
    """The command, in this process unless told otherwise: forked processes would not
    see what the test's transaction holds."""
    if "--processes" not in extra:
        extra = (*extra, "--processes", "1")
    out, err = io.StringIO(), io.StringIO()
    call_command("provision_constituencies", "--csv", str(path), *extra, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_provisions_every_great_british_constituency_not_yet_there(clp_a, constituency_list):
    out, err = _run(constituency_list, "--nation", "GB")
    assert "3 provisioned, 1 already there, 0 failed." in out
    assert "4/4" in err  # the progress bar reached the end
    created = Constituency.objects.filter(gss_code__in=["E14999911", "S14999912", "W07999913"])
    assert sorted(created.values_list("slug", flat=True)) == [
        "bridgeton-upper-and-lower",
        "glen-test",
        "llan-test",
    ]
    assert not Constituency.objects.filter(gss_code="N05999914").exists()


def test_a_second_run_changes_nothing(clp_a, constituency_list):
    _run(constituency_list, "--no-progress")
    count = Constituency.objects.count()
    out, _ = _run(constituency_list, "--no-progress")
    assert "0 provisioned, 4 already there, 0 failed." in out
    assert Constituency.objects.count() == count


def test_one_bad_row_is_reported_and_the_rest_are_provisioned(db, tmp_path):
    path = tmp_path / "clash.csv"
    path.write_text(
        invented(
            "PCON25NM,PCON25CD\nTwin Town,E14999921\nTwin Town,E14999922\nOther Town,E14999923\n"
        )
    )
    with pytest.raises(CommandError, match="1 constituencies could not be provisioned"):
        _run(path, "--no-progress")
    assert set(
        Constituency.objects.filter(gss_code__startswith="E149999").values_list(
            "gss_code", flat=True
        )
    ) >= {
        "E14999921",
        "E14999923",
    }
    assert not Constituency.objects.filter(gss_code="E14999922").exists()


def test_a_row_without_a_name_is_reported_and_the_rows_after_it_are_provisioned(db, tmp_path):
    path = tmp_path / "blank.csv"
    path.write_text(
        invented(
            "PCON25NM,PCON25CD\nFirst Town,E14999931\n,E14999932\nThird Town,E14999933\n"
            "Fourth Town,\n"
        )
    )
    with pytest.raises(CommandError, match="2 constituencies could not be provisioned"):
        _run(path, "--no-progress")
    made = Constituency.objects.filter(gss_code__in=["E14999931", "E14999932", "E14999933"])
    assert sorted(made.values_list("gss_code", flat=True)) == ["E14999931", "E14999933"]


def test_the_rows_it_could_not_read_are_named_by_line(db, tmp_path):
    path = tmp_path / "blank.csv"
    path.write_text(invented("PCON25NM,PCON25CD\nFirst Town,E14999941\n,E14999942\n"))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "provision_constituencies",
            "--csv",
            str(path),
            "--no-progress",
            "--processes",
            "1",
            stderr=err,
        )
    assert (
        "Could not provision the row on line 3: Line 3 has no name for E14999942." in err.getvalue()
    )


PARALLEL_CODES = ["E14999951", "E14999952", "E14999953", "E14999954"]


def test_in_parallel_every_row_is_provisioned_or_reported_and_nothing_is_half_made(
    committed, tmp_path
):
    """Three processes at once, with a blank row and two rows of one name racing: the
    name goes to one of them, the other is reported, and it leaves no schema."""
    for code in PARALLEL_CODES:
        committed.cleanup_constituency(code)
    path = tmp_path / "parallel.csv"
    path.write_text(
        invented(
            "PCON25NM,PCON25CD\nRace Town,E14999951\nSecond Town,E14999952\n,E14999955\n"
            "Race Town,E14999953\nFourth Town,E14999954\n"
        )
    )
    with committed():
        with pytest.raises(CommandError, match="2 constituencies could not be provisioned"):
            _run(path, "--no-progress", "--processes", "3")
        made = set(
            Constituency.objects.filter(gss_code__in=PARALLEL_CODES).values_list(
                "gss_code", flat=True
            )
        )
        assert {"E14999952", "E14999954"} <= made
        assert len(made & {"E14999951", "E14999953"}) == 1
        for code in PARALLEL_CODES:
            assert schema_exists(schema_name_for(code)) == (code in made)
        # This process carries on with a connection of its own.
        assert Constituency.objects.filter(gss_code="E14999952").get().schema_name


def test_a_run_needs_at_least_one_process(db, constituency_list):
    with pytest.raises(CommandError, match="at least 1"):
        _run(constituency_list, "--processes", "0")
    assert not Constituency.objects.filter(gss_code="E14999911").exists()


def test_a_list_without_the_expected_columns_is_refused(db, tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("name,code\nSomewhere,E14000001\n")
    with pytest.raises(CommandError, match="no PCON25CD, PCON25NM column"):
        _run(path)


def test_a_missing_file_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        _run(tmp_path / "absent.csv")


def test_an_unknown_nation_is_refused(db, constituency_list):
    with pytest.raises(CommandError, match="Unknown nation"):
        _run(constituency_list, "--nation", "France")


def test_the_bundled_list_has_632_great_british_constituencies():
    listings = read_constituency_list(BUNDLED_CONSTITUENCIES_CSV)
    assert len(listings) == 650
    assert len(listings_for_nation(listings, "GB")) == 632
    assert len(listings_for_nation(listings, "Wales")) == 32
    assert any(listing.name == "Harborough, Oadby and Wigston" for listing in listings)
