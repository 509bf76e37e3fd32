"""Distribution: the .deb and .rpm packages CPack makes from the build directory.

As root on a Debian machine this installs the .deb for real (dpkg -i), runs skiffd
exactly as the unit's ExecStart does with the installed config, produces and
consumes with kcat, reloads a conf.d snippet, builds both examples against the
installed SDK and loads them, then purges and checks nothing is left but the skiff
system user (which Debian policy keeps). The .rpm is inspected with rpm -qp and
installed into a scratch root. Any previous install is purged first, and
everything is purged again at the end, even after a failure."""
import grp
import os
import pwd
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from broker_process import build_dir, free_port
from unit_process import SystemdUnit, UnitProcess

ROOT = Path(__file__).resolve().parents[2]
UNIT = Path("/usr/lib/systemd/system/skiff.service")
CONF_D = Path("/etc/skiff/conf.d")
LOCAL_PLUGINS = Path("/usr/local/lib/skiff/plugins")
LOCAL_SNIPPETS = Path("/usr/local/share/skiff/conf.d")
EXAMPLES = {"custom-partitioner": "region-partitioner", "custom-authorizer": "prefix-authorizer"}
TEST_SNIPPETS = ["00-package-test-listener.conf", "50-package-test-reload.conf"]

pytestmark = [
    pytest.mark.skipif(os.geteuid() != 0, reason="installs packages: needs root"),
    pytest.mark.skipif(not all(shutil.which(t) for t in ("dpkg", "cpack", "kcat", "setpriv")),
                       reason="needs dpkg, cpack, kcat and setpriv"),
]


def run(*cmd, check=True, timeout=300, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in cmd], capture_output=True, text=True,
                            timeout=timeout, **kwargs)
    if check and result.returncode != 0:
        raise AssertionError(f"{cmd} exited with {result.returncode}:\n"
                             f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
    return result


def dpkg(*args, check=True):
    """dpkg, retried while another dpkg/apt holds the lock."""
    for _ in range(60):
        result = run("dpkg", *args, check=False)
        if "lock" not in result.stderr:
            break
        time.sleep(2)
    if check and result.returncode != 0:
        raise AssertionError(f"dpkg {args}: {result.stdout}\n{result.stderr}")
    return result


def installed_packages() -> list[str]:
    out = run("dpkg-query", "-W", "-f", "${Package} ${db:Status-Status}\n", check=False).stdout
    return [line.split()[0] for line in out.splitlines()
            if line.startswith("skiff") and not line.endswith("not-installed")]


def remove_test_files():
    for name in TEST_SNIPPETS + [f"{p}.conf" for p in EXAMPLES.values()]:
        (CONF_D / name).unlink(missing_ok=True)
    for plugin in EXAMPLES.values():
        (LOCAL_PLUGINS / f"{plugin}.so").unlink(missing_ok=True)
        (LOCAL_SNIPPETS / f"{plugin}.conf").unlink(missing_ok=True)
    for directory in (LOCAL_PLUGINS, LOCAL_PLUGINS.parent, LOCAL_SNIPPETS, LOCAL_SNIPPETS.parent):
        if directory.is_dir() and not any(directory.iterdir()):
            directory.rmdir()


def purge_everything():
    remove_test_files()
    packages = installed_packages()
    if packages:
        dpkg("--purge", *packages)


def cpack(generator: str, out: Path) -> list[Path]:
    run("cpack", "-G", generator, "-B", out, cwd=build_dir(), timeout=600)
    suffix = ".deb" if generator == "DEB" else ".rpm"
    return sorted(out.glob(f"*{suffix}"))


@pytest.fixture(scope="module")
def debs(tmp_path_factory):
    return cpack("DEB", tmp_path_factory.mktemp("deb"))


@pytest.fixture(scope="module")
def installed(debs):
    purge_everything()
    try:
        dpkg("-i", *debs)
        yield debs
    finally:
        purge_everything()


@pytest.fixture
def broker(installed, tmp_path):
    """skiffd as the unit runs it; on a busy port 9092 a snippet moves the listener."""
    with socket.socket() as s:
        busy = s.connect_ex(("127.0.0.1", 9092)) == 0
    port = free_port() if busy else 9092
    if busy:
        (CONF_D / TEST_SNIPPETS[0]).write_text(f"listeners=PLAINTEXT://127.0.0.1:{port}\n")
    process = UnitProcess(SystemdUnit(UNIT), tmp_path / "skiffd.log")
    process.bootstrap = f"127.0.0.1:{port}"
    try:
        yield process.start()
    finally:
        code = process.stop()  # also when it never became ready
        (CONF_D / TEST_SNIPPETS[0]).unlink(missing_ok=True)
    assert code == 0, process.log()


def test_deb_packages_and_lintian_finds_no_errors(debs):
    names = {run("dpkg-deb", "-f", d, "Package").stdout.strip() for d in debs}
    assert {"skiff", "skiff-sdk"} <= names
    assert all(n in ("skiff", "skiff-sdk") or n.startswith("skiff-plugin-") for n in names)
    depends = run("dpkg-deb", "-f", [d for d in debs if d.name.startswith("skiff_")][0],
                  "Depends").stdout
    # Library dependencies are the distribution's packages, found from the binaries.
    assert "libc6" in depends and "liblmdb0" in depends and "librdkafka1" in depends
    if shutil.which("lintian"):
        result = run("lintian", "--fail-on", "error", *debs, check=False)
        errors = [line for line in result.stdout.splitlines() if line.startswith("E:")]
        assert result.returncode == 0 and not errors, result.stdout + result.stderr


def test_rpm_contents_requires_scripts_lint_and_scratch_root(tmp_path):
    if not shutil.which("rpmbuild"):
        pytest.skip("rpm is not installed")
    rpms = cpack("RPM", tmp_path / "rpm")
    skiff = [r for r in rpms if re.match(r"skiff-\d", r.name)][0]
    files = run("rpm", "-qpl", skiff).stdout.split()
    for path in ("/usr/sbin/skiffd", "/usr/bin/skiff", "/etc/skiff/server.properties",
                 "/usr/lib/systemd/system/skiff.service", "/var/lib/skiff", "/var/log/skiff"):
        assert path in files
    assert any(re.fullmatch(r"/usr/lib[^ ]*/skiff/plugins/storage-log\.so", f) for f in files)
    assert "/etc/skiff/server.properties" in run("rpm", "-qpc", skiff).stdout.split()
    requires = run("rpm", "-qpR", skiff).stdout
    assert "liblmdb.so.0()(64bit)" in requires and "shadow-utils" in requires
    scripts = run("rpm", "-qp", "--scripts", skiff).stdout
    assert "useradd -r" in scripts and "systemctl --no-reload disable --now" in scripts
    owners = {line.split()[-1]: line.split()[2:4] for line in
              run("rpm", "-qplv", skiff).stdout.splitlines()}
    assert owners["/var/lib/skiff"] == ["skiff", "skiff"]
    if shutil.which("rpmlint"):
        lint = run("rpmlint", "-r", ROOT / "packaging" / "rpm" / "skiff.rpmlintrc", *rpms,
                   check=False)
        assert " 0 errors" in lint.stdout, lint.stdout
    scratch = tmp_path / "root"
    run("rpm", "--root", scratch, "--initdb")
    run("rpm", "--root", scratch, "-i", "--nodeps", "--noscripts", "--force-debian", *rpms)
    assert (scratch / "usr/sbin/skiffd").is_file()
    assert (scratch / "etc/skiff/server.properties").is_file()
    assert (scratch / "usr/include/skiff/sdk/plugin.h").is_file()
    listed = run("rpm", "--root", scratch, "-qa").stdout.split()
    assert any(p.startswith("skiff-sdk-") for p in listed)
    run("rpm", "--root", scratch, "-e", "--nodeps", "--noscripts", "skiff", "skiff-sdk")
    assert not (scratch / "usr/sbin/skiffd").exists()


def test_deb_install_lays_out_fhs_paths_user_and_conffiles(installed):
    for path in ("/usr/sbin/skiffd", "/usr/bin/skiff", "/etc/skiff/server.properties",
                 "/usr/include/skiff/sdk/plugin.h", str(UNIT)):
        assert Path(path).is_file(), path
    user = pwd.getpwnam("skiff")
    assert user.pw_uid < 1000 and user.pw_dir == "/var/lib/skiff"
    assert grp.getgrgid(user.pw_gid).gr_name == "skiff"
    for directory in ("/var/lib/skiff", "/var/log/skiff"):
        st = os.stat(directory)
        assert (st.st_uid, st.st_mode & 0o777) == (user.pw_uid, 0o750), directory
    conffiles = run("dpkg-query", "-W", "-f", "${Conffiles}", "skiff").stdout
    assert "/etc/skiff/server.properties" in conffiles
    for snippet in CONF_D.glob("*.conf"):  # the core plugins': present, disabled
        assert str(snippet) in conffiles
        assert all(l.startswith("#") for l in snippet.read_text().splitlines() if l.strip())
    # Optional features' snippets, enabled by copying one into conf.d.
    available = sorted(p.name for p in Path("/usr/share/skiff/conf.d").glob("*.conf"))
    assert available == sorted(p.name for p in (ROOT / "conf.d" / "examples").glob("*.conf"))
    unit = SystemdUnit(UNIT).settings
    assert unit["Type"] == "notify" and unit["User"] == "skiff"
    assert unit["NoNewPrivileges"] == "yes" and unit["ProtectSystem"] == "strict"
    assert {"/var/lib/skiff", "/var/log/skiff"} <= set(unit["ReadWritePaths"].split())
    assert unit["Restart"] == "on-failure" and int(unit["LimitNOFILE"]) >= 100000
    assert "-HUP" in unit["ExecReload"]
    assert Path(unit["ExecStart"].split()[0]) == Path("/usr/sbin/skiffd")
    plugin_path = re.search(r"^plugin\.path=(.*)$",
                            Path("/etc/skiff/server.properties").read_text(), re.M).group(1)
    assert (Path(plugin_path) / "storage-log.so").is_file()
    if shutil.which("systemd-analyze"):
        run("systemd-analyze", "verify", UNIT)
        # systemd's own rating of the sandboxing, in tenths: at most 3.0 of 10 exposure.
        run("systemd-analyze", "security", "--offline=true", "--threshold=30", UNIT)


def kcat(bootstrap, *args, stdin=None):
    return run("kcat", "-b", bootstrap, *args, input=stdin, timeout=60).stdout


def test_installed_skiffd_is_ready_serves_kcat_and_reloads_snippets(broker):
    # READY=1 came after the listeners were bound: the port answers at once.
    host, port = broker.bootstrap.rsplit(":", 1)
    socket.create_connection((host, int(port)), timeout=2).close()
    kcat(broker.bootstrap, "-t", "pkg-test", "-P", "-K:", stdin="k1:one\nk2:two\nk3:three\n")
    assert kcat(broker.bootstrap, "-t", "pkg-test", "-C", "-o", "beginning", "-e",
                "-f", "%k=%s\n").split() == ["k1=one", "k2=two", "k3=three"]
    data = Path("/var/lib/skiff/data")
    assert any(data.rglob("*.log")) and data.stat().st_uid == pwd.getpwnam("skiff").pw_uid

    # A dropped snippet: the dynamic key is applied live, the static one needs a restart.
    (CONF_D / TEST_SNIPPETS[1]).write_text("log.level=debug\nnum.io.threads=3\n")
    check = run("setpriv", "--reuid=skiff", "--regid=skiff", "--init-groups", "/usr/sbin/skiffd",
                "--check-config", "/etc/skiff/server.properties").stdout
    line = [l for l in check.splitlines() if l.startswith("log.level=")][0]
    assert line.startswith("log.level=debug") and line.endswith(f"{CONF_D}/{TEST_SNIPPETS[1]}:1")
    broker.reload()
    assert broker.wait_for_log("applied log.level"), broker.log()
    assert broker.wait_for_log("num.io.threads changed but needs a restart"), broker.log()
    (CONF_D / TEST_SNIPPETS[1]).unlink()


def build_example(example: str, work: Path) -> Path:
    """Configures, builds and installs an example against the installed SDK only."""
    build = work / example
    run("cmake", "-S", ROOT / "examples" / example, "-B", build)
    run("cmake", "--build", build, timeout=600)
    run("cmake", "--install", build)
    return build


def test_examples_build_against_installed_sdk_and_load(installed, tmp_path):
    version_h = Path("/usr/include/skiff/sdk/version.h").read_text()
    abi = re.search(r"SKIFF_SDK_ABI_VERSION (\d+)", version_h).group(1)
    assert run("pkg-config", "--variable=abi_version", "skiff-sdk").stdout.strip() == abi
    assert "-I" in run("pkg-config", "--cflags", "skiff-sdk").stdout
    for example in EXAMPLES:
        build_example(example, tmp_path)
    for plugin in EXAMPLES.values():
        assert (LOCAL_PLUGINS / f"{plugin}.so").is_file()
        shutil.copy(LOCAL_SNIPPETS / f"{plugin}.conf", CONF_D / f"{plugin}.conf")

    # The authorizer decides as documented, hosted by a program built on the SDK alone.
    probe = tmp_path / "authorizer_probe"
    run("c++", "-std=c++20", "-Wall", "-Wextra", "-Werror",
        *run("pkg-config", "--cflags", "skiff-sdk").stdout.split(),
        ROOT / "tests" / "integration" / "package" / "authorizer_probe.cpp", "-o", probe, "-ldl")
    decide = lambda principal, *actions: run(  # noqa: E731
        probe, LOCAL_PLUGINS / "prefix-authorizer.so", "prefix",
        "prefix.authorizer.super.users=User:admin", "--", principal, *actions).stdout.split()
    assert decide("User:alice", "Write:topic:alice.orders", "Read:topic:bob.orders",
                  "Describe:cluster:kafka-cluster", "Read:group:any") == \
        ["allow", "deny", "allow", "allow"]
    assert decide("User:admin", "Delete:topic:bob.orders") == ["allow"]


def test_skiffd_loads_example_plugins_and_skiff_produce_uses_the_partitioner(broker):
    # Started after the previous test enabled both examples' snippets.
    for plugin in EXAMPLES.values():
        assert f"loaded plugin {plugin}" in broker.log(), broker.log()
    check = run("/usr/sbin/skiffd", "--check-config", "/etc/skiff/server.properties").stdout
    assert re.search(r"^authorizer\.class\.name=prefix .*prefix-authorizer\.conf:\d+$", check, re.M)

    # The prefix authorizer is enforced: this PLAINTEXT client is User:ANONYMOUS, so
    # only topics named ANONYMOUS... are its own (creating any is a cluster action).
    topic = "ANONYMOUS.regions"
    for name in (topic, "bob.regions"):
        run("skiff", "topics", "--bootstrap-server", broker.bootstrap, "--create", "--topic",
            name, "--partitions", "3", "--replication-factor", "1")
    denied = run("kcat", "-b", broker.bootstrap, "-t", "bob.regions", "-P", input="x\n",
                 check=False, timeout=60)
    assert denied.returncode != 0 and "authorization failed" in denied.stderr.lower(), denied.stderr
    assert "bob.regions" not in kcat(broker.bootstrap, "-L")
    records = "eu:1|a\nus:2|b\nasia:3|c\neu:4|d\nasia:5|e\n"
    run("skiff", "produce", "--bootstrap-server", broker.bootstrap, "--topic", topic,
        "--property", "parse.key=true", "--property", "key.separator=|",
        "--partitioner", "region", "--plugin-path", LOCAL_PLUGINS,
        "--partitioner-property", "region.partitioner.regions=asia,eu,us", input=records)
    placed = {p: sorted(kcat(broker.bootstrap, "-t", topic, "-C", "-p", p, "-o", "beginning",
                             "-e", "-f", "%k\n").split()) for p in range(3)}
    assert placed == {0: ["asia:3", "asia:5"], 1: ["eu:1", "eu:4"], 2: ["us:2"]}


def test_purge_leaves_only_the_system_user(installed):
    remove_test_files()  # the operator's own snippets and plugins
    dpkg("--purge", *installed_packages())
    assert installed_packages() == []
    left = [p for p in ("/etc/skiff", "/var/lib/skiff", "/var/log/skiff", "/usr/sbin/skiffd",
                        "/usr/bin/skiff", "/usr/include/skiff", "/usr/share/doc/skiff", str(UNIT),
                        "/usr/share/skiff",
                        "/usr/share/cmake/SkiffSDK", "/usr/share/pkgconfig/skiff-sdk.pc",
                        "/etc/systemd/system/multi-user.target.wants/skiff.service",
                        "/var/lib/systemd/deb-systemd-helper-enabled/skiff.service.dsh-also")
            if os.path.lexists(p)]
    left += [str(p) for p in [Path("/usr/lib/skiff"), *Path("/usr/lib").glob("*/skiff")]
             if p.exists()]
    assert left == []
    pwd.getpwnam("skiff")  # Debian keeps system users: files elsewhere may be theirs
