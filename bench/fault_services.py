"""The services a fault benchmark starts for itself and stops again (bench/faults.py):
a recording SMTP server, Redis servers, an embedded PostgreSQL, and the platform itself
(gunicorn and a Celery worker). Nothing shared on the machine is ever touched."""

import contextlib
import json
import os
import re
import shutil
import signal
import socketserver
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from labourhub import embedded_postgres, varnish  # noqa: E402
from labourhub.varnish import free_port  # noqa: E402

SMTP_DELAY = 0.02  # seconds a real mail server takes to accept an email


def wait_for_port(port: int) -> None:
    """A web server with the demo data, or a worker's first boot, takes longer than
    Varnish to answer."""
    varnish.wait_for_port(port, timeout=60)


# --- an SMTP server that records what it accepts -----------------------------------------


class RecordingSMTPHandler(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self):
        # A worker killed mid-conversation resets the connection: what it had not
        # finished sending was not accepted.
        with contextlib.suppress(ConnectionError):
            self.converse()

    def converse(self):
        self.reply("220 faults.localhost ESMTP")
        recipients, lines, in_data = [], [], False
        for raw in self.rfile:
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if in_data:
                if line == ".":
                    in_data = False
                    time.sleep(SMTP_DELAY)
                    self.server.record(recipients, lines)
                    recipients, lines = [], []
                    self.reply("250 accepted")
                else:
                    lines.append(line[1:] if line.startswith("..") else line)
                continue
            command = line[:4].upper()
            if command in ("EHLO", "HELO"):
                self.reply("250 faults.localhost")
            elif command == "MAIL":
                self.reply("250 ok")
            elif command == "RCPT":
                recipients.append(line.split(":", 1)[1].strip().strip("<>"))
                self.reply("250 ok")
            elif command == "DATA":
                in_data = True
                self.reply("354 go ahead")
            elif command == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 ok")


class RecordingSMTPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port):
        super().__init__(("127.0.0.1", port), RecordingSMTPHandler)
        self.lock = threading.Lock()
        self.accepted = []  # (message_id, subject, recipients, when)

    def record(self, recipients, lines):
        headers = "\n".join(lines[: lines.index("")] if "" in lines else lines)
        message_id = re.search(r"^Message-ID: (.+)$", headers, re.M | re.I)
        subject = re.search(r"^Subject: (.+)$", headers, re.M | re.I)
        with self.lock:
            self.accepted.append(
                (
                    message_id.group(1).strip() if message_id else None,
                    subject.group(1).strip() if subject else "",
                    tuple(recipients),
                    time.time(),
                )
            )


# --- the services ------------------------------------------------------------------------


class RedisServer:
    def __init__(self, workdir: Path, name: str):
        self.port, self.workdir, self.name = free_port(), workdir / name, name
        self.workdir.mkdir()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [shutil.which("redis-server"), "--port", str(self.port), "--save", ""]
            + ["--appendonly", "yes", "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait()
            self.process = None


class EmbeddedPostgres:
    def __init__(self, workdir: Path):
        self.pgdata = workdir / "pgdata"

    def url(self) -> str:
        script = (
            "import sys; from pathlib import Path; from labourhub import embedded_postgres as e; "
            f"e.PGDATA = Path({str(self.pgdata)!r}); print(e.embedded_database_url('faults'))"
        )
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
        )
        return result.stdout.strip().splitlines()[-1]

    def stop(self):
        embedded_postgres.stop(self.pgdata)


class Platform:
    """gunicorn and a Celery worker with the production settings."""

    def __init__(self, env: dict):
        self.env, self.port = env, free_port()
        self.web = self.worker = None

    def manage(self, *arguments, capture=False) -> str:
        result = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *arguments],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=capture,
            text=True,
        )
        return result.stdout if capture else ""

    def shell(self, code: str) -> dict:
        return json.loads(self.manage("shell", "-c", code, capture=True).strip().splitlines()[-1])

    def start_web(self):
        self.web = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "gunicorn", "labourhub.wsgi:application"]
            + ["--bind", f"127.0.0.1:{self.port}", "--workers", "4", "--preload"]
            + ["--timeout", "30", "--backlog", "2048"],
            cwd=ROOT,
            env=self.env,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def start_worker(self):
        self.worker = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "celery", "-A", "labourhub", "worker"]
            + ["--concurrency", "2", "--loglevel", "ERROR", "--without-mingle"]
            + ["--without-gossip", "--without-heartbeat"],
            cwd=ROOT,
            env=self.env,
            start_new_session=True,  # its own process group: a kill takes the pool too
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def kill_worker(self):
        """SIGKILL the worker (its pool processes die with it: Celery sets them to be
        killed when their parent dies), in the middle of whatever it was sending."""
        os.killpg(self.worker.pid, signal.SIGKILL)
        self.worker.wait()
        self.worker = None

    def stop(self):
        for process in (self.web, self.worker):
            if process and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
        self.web = self.worker = None

    def relay_outbox(self):
        """What beat does every minute."""
        self.shell("from outbox.tasks import relay_due_emails; relay_due_emails.delay(); print(0)")
