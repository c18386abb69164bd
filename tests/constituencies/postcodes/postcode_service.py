"""A postcodes.io-compatible service on a local port, for the lookup's tests: it knows
a few postcodes, answers 404 for the rest, fails with 500 for one and is too slow for
another."""

import contextlib
import json
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

FAILING, SLOW = "TF9 9ZX", "TF9 9ZW"


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the name http.server calls
        postcode = unquote(self.path.removeprefix("/postcodes/"))
        self.server.asked.append(postcode)
        if postcode == SLOW:
            time.sleep(self.server.slow_seconds)
        if postcode == FAILING:
            return self._answer(500, {"status": 500, "error": "Internal server error"})
        known = self.server.known.get(postcode)
        if known is None:
            return self._answer(404, {"status": 404, "error": "Postcode not found"})
        gss_code, latitude, longitude = known
        result = {
            "postcode": postcode,
            "latitude": latitude,
            "longitude": longitude,
            "parliamentary_constituency_2024": "Somewhere",
            "codes": {"parliamentary_constituency_2024": gss_code},
        }
        return self._answer(200, {"status": 200, "result": result})

    def _answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        # The slow answer's client has given up by then.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(data)

    def log_message(self, format, *args):  # noqa: A002 - http.server's signature
        pass


@contextmanager
def postcode_service(known: dict, slow_seconds: float = 1.0):
    """Serve `known` ({"TF9 9ZZ": (gss_code, latitude, longitude)}) and yield the
    server: its `url`, and `asked`, the postcodes it was asked about."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.known, server.asked, server.slow_seconds = known, [], slow_seconds
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
