# Thin shim: all metadata lives in pyproject.toml. Kept for tools that still
# call `python setup.py` (older bench versions, some packagers).
from setuptools import setup

setup()
