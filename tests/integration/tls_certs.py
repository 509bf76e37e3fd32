"""Test PKI generated at run time with the openssl CLI: a CA, a broker certificate for
localhost/127.0.0.1 (PEM and PKCS12 keystores), client certificates, and a second,
untrusted CA with its own client certificate. Nothing here is shipped or reused."""
import subprocess
from pathlib import Path


def _openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


class Pki:
    def __init__(self, directory: Path, password: str = "test-only-password"):
        self.dir = Path(directory)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.password = password
        self.ca = self._ca("ca", "/CN=Skiff Test CA")
        self.other_ca = self._ca("other-ca", "/CN=Untrusted Test CA")
        self.server = self.issue("server", "/CN=localhost", self.ca,
                                 san="DNS:localhost,IP:127.0.0.1")
        self.client = self.issue("client", "/C=US/O=acme/OU=eng/CN=alice", self.ca)
        self.rogue_client = self.issue("rogue", "/CN=mallory", self.other_ca)

    def path(self, name) -> str:
        return str(self.dir / name)

    def _ca(self, name, subject):
        _openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                 "-nodes", "-keyout", f"{name}.key", "-out", f"{name}.pem", "-days", "2",
                 "-subj", subject, cwd=self.dir)
        return name

    def issue(self, name, subject, ca, san=None, serial=None):
        """Key + certificate signed by `ca`; writes NAME.key, NAME.crt, NAME.pem (chain and
        key, a PEM keystore) and NAME.p12 (PKCS12 keystore with self.password)."""
        _openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                 "-keyout", f"{name}.key", "-out", f"{name}.csr", "-subj", subject, cwd=self.dir)
        ext = self.dir / f"{name}.ext"
        ext.write_text(f"subjectAltName={san}\n" if san else "basicConstraints=CA:FALSE\n")
        _openssl("x509", "-req", "-in", f"{name}.csr", "-CA", f"{ca}.pem", "-CAkey", f"{ca}.key",
                 *(["-set_serial", str(serial)] if serial else ["-CAcreateserial"]),
                 "-out", f"{name}.crt", "-days", "2", "-extfile", ext.name, cwd=self.dir)
        pem = (self.dir / f"{name}.crt").read_text() + (self.dir / f"{ca}.pem").read_text() + \
            (self.dir / f"{name}.key").read_text()
        (self.dir / f"{name}.pem").write_text(pem)
        _openssl("pkcs12", "-export", "-in", f"{name}.crt", "-inkey", f"{name}.key",
                 "-certfile", f"{ca}.pem", "-out", f"{name}.p12",
                 "-passout", f"pass:{self.password}", cwd=self.dir)
        return name

    def truststore_p12(self, ca="ca") -> str:
        _openssl("pkcs12", "-export", "-nokeys", "-in", f"{ca}.pem", "-out", f"{ca}-trust.p12",
                 "-passout", f"pass:{self.password}", cwd=self.dir)
        return self.path(f"{ca}-trust.p12")
