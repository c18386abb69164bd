"""manage.py import_postcodes: the ONS postcode lookup into the postcode table."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from constituencies.postcodes.demo import load_demo_postcodes
from constituencies.postcodes.importing import import_postcodes
from constituencies.postcodes.models import Postcode

from .conftest import nspl_row


def _import(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_postcodes", str(path), "--no-progress", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _table():
    return {
        p.postcode: (p.gss_code, p.terminated_on, p.latitude, p.longitude)
        for p in Postcode.objects.all()
    }


def test_it_loads_postcodes_their_constituency_termination_and_position(db, nspl_file):
    path = nspl_file(
        [
            nspl_row("BS5 7AA", "E14001132", lat="51.470645", long="-2.530019"),
            nspl_row("bs59zz", "e14001132", doterm="201906"),
            # The ONS files' "no grid reference": no position at all, not (99.99, 0).
            nspl_row("CF24 1AA", "W07000089", lat="99.999999", long="0.000000"),
        ]
    )
    out, err = _import(path)
    assert _table() == {
        "BS5 7AA": ("E14001132", None, 51.470645, -2.530019),
        "BS5 9ZZ": ("E14001132", dt.date(2019, 6, 1), 51.5, -2.5),
        "CF24 1AA": ("W07000089", None, None, None),
    }
    assert "3 rows read: 3 postcodes added, 0 changed, 0 unchanged" in out
    assert err == ""


def test_bad_rows_are_reported_by_line_and_the_good_ones_imported(db, nspl_file):
    path = nspl_file(
        [
            nspl_row("BS5 7AA", "E14001132"),
            nspl_row("NOT A CODE", "E14001132"),
            nspl_row("BS5 6AB", ""),
            nspl_row("BS5 6AD", "X123"),
            nspl_row("BS5 6AE", "E14001132", doterm="2019-06"),
            nspl_row("JE2 3AB", "L99999999"),  # Jersey: no MP, not an error
        ]
    )
    out, err = _import(path)
    assert list(_table()) == ["BS5 7AA"]
    assert "6 rows read: 1 postcodes added" in out
    assert "1 outside any constituency (Channel Islands, Isle of Man), 4 bad." in out
    assert "Bad row on line 3: 'NOT A CODE' is not a UK postcode" in err
    assert "Bad row on line 4: BS5 6AB has no constituency code (pcon)" in err
    assert "Bad row on line 5: BS5 6AD's constituency code 'X123' is not a GSS code" in err
    assert "Bad row on line 6: BS5 6AE's doterm '2019-06' is not a month (YYYYMM)" in err


def test_only_the_first_bad_rows_are_listed_with_a_count_of_the_rest(db, nspl_file, monkeypatch):
    monkeypatch.setattr("constituencies.postcodes.importing.BAD_ROWS_KEPT", 2)
    path = nspl_file([nspl_row(f"BAD{n}", "E14001132") for n in range(5)])
    out, err = _import(path)
    assert err.count("Bad row on line") == 2
    assert "... and 3 more bad rows." in err
    assert "5 bad" in out


def test_importing_the_same_file_again_changes_nothing(db, nspl_file):
    path = nspl_file([nspl_row("BS5 7AA", "E14001132"), nspl_row("BS5 9ZZ", "E14001132", "201906")])
    _import(path)
    before = _table()
    out, _ = _import(path)
    assert "2 rows read: 0 postcodes added, 0 changed, 2 unchanged" in out
    assert _table() == before


def test_a_re_import_does_not_even_lock_the_rows_it_leaves_alone(db, nspl_file):
    path = nspl_file([nspl_row("BS5 7AA", "E14001132"), nspl_row("BS5 9ZZ", "E14001132", "201906")])
    _import(path)
    _import(path)
    with connection.cursor() as cursor:
        # A row lock would have written the importing transaction's id into xmax.
        cursor.execute("SELECT count(*) FROM postcodes_postcode WHERE xmax::text <> '0'")
        assert cursor.fetchone() == (0,)


def test_a_newer_file_updates_what_changed_and_keeps_what_it_lacks(db, nspl_file):
    _import(nspl_file([nspl_row("BS5 7AA", "E14001132"), nspl_row("BS1 5TR", "E14001131")]))
    newer = nspl_file(
        [nspl_row("BS5 7AA", "E14001132", doterm="202501"), nspl_row("BS5 6AB", "E14001132")]
    )
    out, _ = _import(newer)
    assert "1 postcodes added, 1 changed, 0 unchanged" in out
    table = _table()
    assert table["BS5 7AA"][1] == dt.date(2025, 1, 1)
    assert "BS1 5TR" in table  # not in the newer file, kept


def test_replace_deletes_the_postcodes_the_file_lacks(db, nspl_file):
    _import(nspl_file([nspl_row("BS5 7AA", "E14001132"), nspl_row("BS1 5TR", "E14001131")]))
    out, _ = _import(nspl_file([nspl_row("BS5 7AA", "E14001132")]), "--replace")
    assert list(_table()) == ["BS5 7AA"]
    assert "1 removed (not in the file)" in out


def test_replace_keeps_a_postcode_whose_row_is_bad_this_time(db, nspl_file):
    _import(nspl_file([nspl_row("BS5 7AA", "E14001132")]))
    _import(nspl_file([nspl_row("BS5 7AA", "")]), "--replace")
    assert _table()["BS5 7AA"][0] == "E14001132"


@pytest.mark.parametrize("batch_size", [1, 2, 100])
def test_a_postcode_repeated_in_the_file_takes_its_last_row(db, nspl_file, batch_size):
    path = nspl_file(
        [
            nspl_row("BS5 7AA", "E14001131"),
            nspl_row("bs5 7aa", "E14001132"),
            nspl_row("BS5 6AB", "E14001132"),
        ]
    )
    _import(path, "--batch-size", str(batch_size))
    assert _table()["BS5 7AA"][0] == "E14001132"
    assert Postcode.objects.count() == 2


def test_newer_files_name_the_constituency_column_with_its_year(db, nspl_file):
    path = nspl_file([{"pcds": "BS5 7AA", "pcon24cd": "E14001132"}], columns=["pcds", "pcon24cd"])
    _import(path)
    assert _table() == {"BS5 7AA": ("E14001132", None, None, None)}


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        (["postcode", "pcon", "lat"], "The file has no pcds column"),
        (["pcds", "ward"], r"The file has no pcon \(or pcon24cd\) column"),
        (["pcd7", "oa21"], r"The file has no pcds or pcon \(or pcon24cd\) column"),
    ],
)
def test_a_file_without_the_columns_it_needs_is_refused_and_nothing_loaded(
    db, nspl_file, columns, message
):
    path = nspl_file([{"pcds": "BS5 7AA", "pcon": "E14001132"}], columns=columns)
    with pytest.raises(CommandError, match=message):
        _import(path)
    assert not Postcode.objects.exists()


def test_a_missing_or_empty_file_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read .*nothing.csv: No such file"):
        _import(tmp_path / "nothing.csv")
    (tmp_path / "empty.csv").write_text("")
    with pytest.raises(CommandError, match="The file is empty"):
        _import(tmp_path / "empty.csv")


def test_a_row_shorter_than_the_header_is_a_bad_row(db, tmp_path):
    path = tmp_path / "short.csv"
    path.write_text("pcds,pcon,doterm\nBS5 7AA,E14001132,\nBS5 6AB\n")
    out, err = _import(path)
    assert "Bad row on line 3: it has 1 fields, fewer than the header's columns" in err
    assert list(_table()) == ["BS5 7AA"]


def test_progress_is_reported_after_each_batch(db, nspl_file):
    path = nspl_file([nspl_row(f"BS5 6A{letter}", "E14001132") for letter in "ABDEF"])
    seen = []
    import_postcodes(path, batch_size=2, progress=seen.append)
    assert seen == [2, 4, 5]


def test_the_demo_postcodes_find_the_demo_constituencies_and_load_once(db):
    report = load_demo_postcodes()
    assert report.bad == 0
    assert 100 <= Postcode.objects.count() <= 300
    assert Postcode.objects.get(postcode="BS5 7AA").gss_code == "E14001132"
    assert Postcode.objects.get(postcode="CF24 1AA").gss_code == "W07000089"
    assert Postcode.objects.get(postcode="G34 9AA").gss_code == "S14000084"
    assert Postcode.objects.get(postcode="BS5 9ZZ").is_terminated
    assert Postcode.objects.get(postcode="BS5 0XW").latitude is None
    again = load_demo_postcodes()
    assert (again.added, again.changed) == (0, 0)
