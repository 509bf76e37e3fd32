"""Starts and stops a real skiffd process for integration tests, on free loopback
ports with its own data directory."""
import os
import signal
import socket
import subprocess
import time
from pathlib import Path


def build_dir() -> Path:
    return Path(os.environ.get("SKIFF_BUILD_DIR", Path(__file__).resolve().parents[2] / "build"))


_HANDED_OUT = set()


def free_port() -> int:
    """A loopback port free now and not handed out before in this process: the
    kernel may give a just-closed port again, and a broker given the same port for
    two listeners fails to start."""
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port not in _HANDED_OUT:
            _HANDED_OUT.add(port)
            return port


def terminate(proc: subprocess.Popen, timeout: float) -> bool:
    """SIGTERM, then wait; SIGKILL if it does not exit in time. True if SIGTERM sufficed."""
    if proc.poll() is not None:
        return True
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout)
        return True
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return False


class Broker:
    """A skiffd child process. `extra` adds or overrides server.properties keys."""

    def __init__(self, workdir: Path, extra: dict | None = None, conf_d: dict | None = None):
        self.workdir = Path(workdir)
        self.port = free_port()
        self.data_dir = self.workdir / "data"
        self.config_path = self.workdir / "server.properties"
        self.log_path = self.workdir / "skiffd.log"
        self.proc = None
        props = {
            "node.id": "1",
            "listeners": f"PLAINTEXT://127.0.0.1:{self.port}",
            "log.dirs": str(self.data_dir),
            "plugin.path": str(build_dir() / "plugins-out"),
        }
        props.update(extra or {})
        self.props = props
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.write_config()
        for name, text in (conf_d or {}).items():
            (self.workdir / "conf.d").mkdir(exist_ok=True)
            (self.workdir / "conf.d" / name).write_text(text)

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    def add_sasl_listeners(self):
        """Adds SASL_SSL and SASL_PLAINTEXT listeners on free ports (sasl_ssl_port,
        sasl_port) beside PLAINTEXT, and rewrites the config."""
        self.sasl_ssl_port, self.sasl_port = free_port(), free_port()
        self.props["listeners"] += (f",SASL_SSL://127.0.0.1:{self.sasl_ssl_port}"
                                    f",SASL_PLAINTEXT://127.0.0.1:{self.sasl_port}")
        self.write_config()
        return self

    def write_config(self):
        self.config_path.write_text("".join(f"{k}={v}\n" for k, v in self.props.items()))

    def start(self, timeout: float = 20.0):
        binary = build_dir() / "kernel" / "app" / "skiffd"
        self.log_file = open(self.log_path, "ab")
        self.proc = subprocess.Popen([str(binary), str(self.config_path)],
                                     stdout=self.log_file, stderr=subprocess.STDOUT)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"skiffd exited with {self.proc.returncode}:\n{self.log()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"skiffd did not listen within {timeout}s:\n{self.log()}")

    def stop(self, timeout: float = 20.0) -> int:
        if self.proc is None:
            return 0
        if not terminate(self.proc, timeout):
            raise RuntimeError(f"skiffd did not stop on SIGTERM:\n{self.log()}")
        code = self.proc.returncode
        self.proc = None
        self.log_file.close()
        return code

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.proc = None
        self.log_file.close()

    def reload(self):
        self.proc.send_signal(signal.SIGHUP)

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-6000:]
        except OSError:
            return ""
