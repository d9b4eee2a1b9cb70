"""Remote endpoint faults: down, slow, HTTP errors, malformed answers.

A small misbehaving SPARQL endpoint runs on loopback in a thread (one path per fault, counting the
requests it receives); every fault must give one line naming the endpoint, exit 2 from the CLI, and a
bounded number of tries. The real Oxigraph server fixture is reused for a fault that lies in the query.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from lexgap.cli import app
from lexgap.store import EndpointStore, QueryError, load_endpoint

GOOD = {"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "uri", "value": "https://example.org/a"}}]}}

# path → (status, content type, body); "slow" sleeps past the client's timeout.
FAULTS = {
    "/http-500": (500, "text/plain", b"internal error"),
    "/http-503": (503, "text/html", b"<html><body>Service Unavailable</body></html>"),
    "/http-400": (400, "text/plain", b"Parse error: unexpected DROP"),
    "/http-404": (404, "text/plain", b"not found"),
    "/http-401": (401, "text/plain", b"unauthorised"),
    "/not-json": (200, "application/sparql-results+json", b"<?xml version='1.0'?><sparql/>"),
    "/truncated": (200, "application/sparql-results+json", json.dumps(GOOD).encode()[:40]),
    "/json-list": (200, "application/sparql-results+json", b"[]"),
    "/json-number": (200, "application/sparql-results+json", b"42"),
    "/no-head": (200, "application/sparql-results+json", b'{"results": {"bindings": []}}'),
    "/vars-not-list": (200, "application/sparql-results+json", b'{"head": {"vars": 7}, "results": {"bindings": []}}'),
    "/bindings-not-list": (200, "application/sparql-results+json", b'{"head": {"vars": ["s"]}, "results": {"bindings": {}}}'),
    "/binding-not-object": (200, "application/sparql-results+json", b'{"head": {"vars": ["s"]}, "results": {"bindings": [1]}}'),
    "/cell-without-value": (
        200, "application/sparql-results+json", b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "uri"}}]}}'
    ),
    "/cell-not-object": (
        200, "application/sparql-results+json", b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": "x"}]}}'
    ),
    "/empty-body": (200, "application/sparql-results+json", b""),
    "/bad-utf8": (200, "application/sparql-results+json", b'{"head": {"vars": ["s"]}, "results": {"bindings": [\xff\xfe]}}'),
}
RETRIED = {"/http-500", "/http-503"}  # server errors may pass; client errors and bad bodies never do


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        path = self.path.split("?")[0]
        self.server.hits[path] += 1
        if path == "/slow":
            time.sleep(1.0)
            status, kind, body = 200, "application/sparql-results+json", json.dumps(GOOD).encode()
        elif path == "/flaky":
            # Fails twice, then answers: within the bounded tries, so the caller sees a result.
            if self.server.hits[path] <= 2:
                status, kind, body = 503, "text/plain", b"busy"
            else:
                status, kind, body = 200, "application/sparql-results+json", json.dumps(GOOD).encode()
        elif path == "/hang-up":
            # Closes the connection without a word.
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        else:
            status, kind, body = FAULTS.get(path, (404, "text/plain", b"no such fault"))
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout): nothing more to do


@pytest.fixture(scope="module")
def bad_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.hits = Counter()
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        assert not thread.is_alive()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


QUERY = "SELECT ?s WHERE { ?s ?p ?o }"


def test_good_answer_is_read(bad_server):
    # The control: the same client reads a well-formed answer from the flaky path after two 503s.
    server, base = bad_server
    table = EndpointStore(f"{base}/flaky", timeout=5, attempts=3).select(QUERY)
    assert [str(r[0]) for r in table.rows] == ["https://example.org/a"]
    assert server.hits["/flaky"] == 3


@pytest.mark.parametrize("path", sorted(FAULTS))
def test_fault_is_one_line_naming_the_endpoint(bad_server, path):
    server, base = bad_server
    url = f"{base}{path}"
    before = server.hits[path]
    with pytest.raises(QueryError) as info:
        EndpointStore(url, timeout=5, attempts=3).select(QUERY)
    message = str(info.value)
    assert message.startswith(f"{url}: ")
    assert "\n" not in message and len(message) < 400
    tries = server.hits[path] - before
    assert tries == (3 if path in RETRIED else 1)


@pytest.mark.parametrize("path", sorted(FAULTS))
def test_cli_fault_exits_2_with_one_line(bad_server, path):
    _, base = bad_server
    url = f"{base}{path}"
    result = CliRunner().invoke(app, ["gaps", "-j", "XAA", "--format", "json", "--endpoint", url])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and url in lines[0], result.stderr
    assert "Traceback" not in result.output


def test_slow_endpoint_times_out_with_bounded_tries(bad_server):
    server, base = bad_server
    url = f"{base}/slow"
    before = server.hits["/slow"]
    started = time.monotonic()
    with pytest.raises(QueryError, match=r"/slow: endpoint timed out after 0\.2 s \(2 attempts\)"):
        EndpointStore(url, timeout=0.2, attempts=2).select(QUERY)
    assert time.monotonic() - started < 3  # two tries of 0.2 s, not the server's full second each
    time.sleep(1.1)  # let the server threads finish their sleep before counting
    assert server.hits["/slow"] - before == 2


def test_hang_up_is_not_reachable_after_bounded_tries(bad_server):
    server, base = bad_server
    url = f"{base}/hang-up"
    before = server.hits["/hang-up"]
    with pytest.raises(QueryError, match=r"/hang-up: endpoint not reachable: \w+ \(3 attempts\)"):
        EndpointStore(url, timeout=5, attempts=3).select(QUERY)
    assert server.hits["/hang-up"] - before == 3


def test_endpoint_down_cli(tmp_path):
    url = f"http://127.0.0.1:{_free_port()}/query"
    for command in (["gaps", "-j", "XAA"], ["matrix"], ["compare", "-c", "grooming"]):
        result = CliRunner().invoke(app, [*command, "--endpoint", url])
        assert result.exit_code == 2, result.output
        assert result.stderr.strip() == f"error: {url}: endpoint not reachable: ConnectionError (3 attempts)"


def test_query_command_down_names_file_and_endpoint():
    from lexgap.load import ANALYSIS_DIR

    url = f"http://127.0.0.1:{_free_port()}/query"
    result = CliRunner().invoke(app, ["query", str(ANALYSIS_DIR / "extract-jurisdictions.rq"), "--endpoint", url])
    assert result.exit_code == 2, result.output
    assert url in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/query", "127.0.0.1:7878/query", "http://exa mple/query", ""])
def test_not_an_endpoint_address(url):
    result = CliRunner().invoke(app, ["gaps", "-j", "XAA", "--endpoint", url])
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_load_endpoint_faults(bad_server):
    _, base = bad_server
    result = CliRunner().invoke(app, ["load-endpoint", f"http://127.0.0.1:{_free_port()}/store"])
    assert result.exit_code == 2 and "graph store not reachable" in result.stderr
    with pytest.raises(QueryError, match="not an http"):
        load_endpoint("file:///etc/passwd")
