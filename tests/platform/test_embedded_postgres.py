"""`make run` starts again after a run killed half-way: pgserver's list of the processes
using the server, rewritten in place, may be left empty or cut short, and a server
killed outright (or a restarted machine) leaves its postmaster.pid behind."""

import json
import subprocess
from pathlib import Path

import pytest
from django.db import connection

from labourhub.embedded_postgres import clear_stale_postmaster, repair_handle_list


@pytest.mark.parametrize("left_behind", ["", "[12, 3", "{}", "null"])
def test_a_list_left_unreadable_by_a_killed_run_is_started_afresh(tmp_path, left_behind):
    handle_list = tmp_path / ".handle_pids.json"
    handle_list.write_text(left_behind)
    assert repair_handle_list(tmp_path) is True
    assert json.loads(handle_list.read_text()) == []


def test_a_readable_list_or_none_at_all_is_left_alone(tmp_path):
    assert repair_handle_list(tmp_path) is False
    assert not (tmp_path / ".handle_pids.json").exists()
    (tmp_path / ".handle_pids.json").write_text("[101, 202]")
    assert repair_handle_list(tmp_path) is False
    assert json.loads((tmp_path / ".handle_pids.json").read_text()) == [101, 202]


def _pid_file(pgdata, pid):
    (pgdata / "postmaster.pid").write_text(f"{pid}\n{pgdata}\n1796286556\n5432\n{pgdata}\n")
    (pgdata / ".s.PGSQL.5432.lock").write_text(f"{pid}\n")


def test_a_server_killed_outright_leaves_nothing_that_stops_the_next_start(tmp_path):
    dead = subprocess.Popen(["/bin/true"])  # noqa: S603
    dead.wait()
    _pid_file(tmp_path, dead.pid)
    assert clear_stale_postmaster(tmp_path) is True
    assert not (tmp_path / "postmaster.pid").exists()
    assert not (tmp_path / ".s.PGSQL.5432.lock").exists()


def test_a_running_server_is_left_alone(tmp_path, db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        [postgres_pid] = cursor.fetchone()
    if not Path(f"/proc/{postgres_pid}").exists():
        pytest.skip("the database server runs on another machine")
    _pid_file(tmp_path, postgres_pid)
    assert clear_stale_postmaster(tmp_path) is False
    assert (tmp_path / "postmaster.pid").exists()
