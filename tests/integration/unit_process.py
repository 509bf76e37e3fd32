"""skiffd started the way its installed systemd unit starts it, without systemd: the
unit's ExecStart as the unit's User, with a NOTIFY_SOCKET the test listens on for
READY=1, the unit's UMask, and ExecReload for reloads."""
import os
import shlex
import socket
import subprocess
import time
from pathlib import Path

from broker_process import terminate


class SystemdUnit:
    """The [Service] settings of a unit file (last assignment wins)."""

    def __init__(self, path: Path):
        self.settings: dict[str, str] = {}
        section = None
        for line in Path(path).read_text().splitlines():
            line = line.strip()
            if line.startswith("["):
                section = line
            elif section == "[Service]" and "=" in line and not line.startswith("#"):
                key, value = line.split("=", 1)
                self.settings[key] = value

    def command(self, key: str, mainpid: int | None = None) -> list[str]:
        value = self.settings[key]
        if mainpid is not None:
            value = value.replace("$MAINPID", str(mainpid))
        return shlex.split(value)


class UnitProcess:
    def __init__(self, unit: SystemdUnit, log_path: Path):
        self.unit = unit
        self.log_path = Path(log_path)
        self.proc = None
        self.notifications: list[str] = []
        self._notify = None

    def start(self, ready_timeout: float = 30.0) -> "UnitProcess":
        """Starts ExecStart as User/Group and waits for READY=1 on the notify socket."""
        name = f"skiff-package-test-{os.getpid()}-{time.monotonic_ns()}"
        self._notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self._notify.bind("\0" + name)
        user = self.unit.settings["User"]
        group = self.unit.settings.get("Group", user)
        umask = int(self.unit.settings.get("UMask", "0022"), 8)
        env = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
               "LANG": "C.UTF-8", "NOTIFY_SOCKET": "@" + name}
        self.log_file = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            ["setpriv", f"--reuid={user}", f"--regid={group}", "--init-groups", "--",
             *self.unit.command("ExecStart")],
            env=env, cwd="/", stdout=self.log_file, stderr=subprocess.STDOUT,
            preexec_fn=lambda: os.umask(umask))
        deadline = time.monotonic() + ready_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"skiffd exited with {self.proc.returncode}:\n{self.log()}")
            self._notify.settimeout(0.2)
            try:
                message = self._notify.recv(4096).decode()
            except socket.timeout:
                continue
            self.notifications.append(message)
            if "READY=1" in message.splitlines():
                return self
        raise RuntimeError(f"skiffd sent no READY=1 within {ready_timeout}s:\n{self.log()}")

    def reload(self):
        """Runs ExecReload with $MAINPID, as `systemctl reload` does."""
        subprocess.run(self.unit.command("ExecReload", self.proc.pid), check=True, timeout=10)

    def stop(self, timeout: float = 60.0) -> int:
        if self.proc is None:
            return 0
        terminate(self.proc, timeout)
        code = self.proc.returncode
        self.proc = None
        self.log_file.close()
        self._notify.close()
        return code

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-8000:]
        except OSError:
            return ""

    def wait_for_log(self, text: str, timeout: float = 15.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.log_path.read_text(errors="replace"):
                return True
            time.sleep(0.1)
        return False
