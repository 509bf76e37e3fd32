"""Readiness for systemd (Type=notify): skiffd sends READY=1 to $NOTIFY_SOCKET only
once its listeners accept connections, and STOPPING=1 when it shuts down."""
import os
import signal
import socket
import subprocess
import time

from broker_process import Broker, build_dir


def notify_socket(name: str) -> socket.socket:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.bind("\0" + name)
    s.settimeout(30)
    return s


def start(broker: Broker, notify: str, log):
    env = dict(os.environ, NOTIFY_SOCKET=notify)
    return subprocess.Popen([str(build_dir() / "kernel" / "app" / "skiffd"),
                             str(broker.config_path)], env=env, stdout=log,
                            stderr=subprocess.STDOUT)


def test_ready_after_listeners_bound_and_stopping_on_sigterm(tmp_path):
    broker = Broker(tmp_path)
    name = f"skiff-notify-test-{os.getpid()}-{time.monotonic_ns()}"
    with notify_socket(name) as s, open(tmp_path / "skiffd.log", "wb") as log:
        proc = start(broker, "@" + name, log)
        try:
            ready = s.recv(4096).decode().splitlines()
            assert "READY=1" in ready
            # Bound before READY=1: the first connection attempt succeeds.
            socket.create_connection(("127.0.0.1", broker.port), timeout=2).close()
            proc.send_signal(signal.SIGTERM)
            assert "STOPPING=1" in s.recv(4096).decode().splitlines()
            assert proc.wait(30) == 0
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def test_no_notify_socket_or_a_missing_one_changes_nothing(tmp_path):
    broker = Broker(tmp_path)
    with open(tmp_path / "skiffd.log", "wb") as log:
        proc = start(broker, "/nonexistent/notify.sock", log)
        try:
            deadline = time.time() + 20
            while True:
                assert proc.poll() is None, (tmp_path / "skiffd.log").read_text()
                try:
                    socket.create_connection(("127.0.0.1", broker.port), timeout=1).close()
                    break
                except OSError:
                    assert time.time() < deadline
                    time.sleep(0.05)
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(30) == 0
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
