"""Starts the packaged service (target/seqcast-*.jar, built by ./mvnw package/verify) on a free
loopback port with an empty model folder and an API key; the tests talk to it. No network."""

import glob
import os
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
API_KEY = "python-client-test-key"


def _jar():
    jars = [j for j in glob.glob(os.path.join(ROOT, "target", "seqcast-*.jar")) if not j.endswith(".original")]
    if not jars:
        pytest.fail("no target/seqcast-*.jar: run ./mvnw package (or verify) first", pytrace=False)
    return sorted(jars)[0]


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def service():
    port = _free_port()
    folder = tempfile.mkdtemp(prefix="seqcast-python-")
    log = open(os.path.join(folder, "service.log"), "w")
    process = subprocess.Popen(
        ["java", "--add-modules", "jdk.incubator.vector", "-jar", _jar(), f"--server.port={port}",
         "--server.address=127.0.0.1", f"--seqcast.registry.directory={folder}/models",
         f"--seqcast.security.api-keys={API_KEY}", "--seqcast.tensor.threads=1"],
        stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 180
        while True:
            if process.poll() is not None:
                pytest.fail("the service exited; see " + log.name, pytrace=False)
            try:
                with urllib.request.urlopen(url + "/actuator/health/readiness", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.time() > deadline:
                pytest.fail("the service did not get ready in 180 s; see " + log.name, pytrace=False)
            time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
