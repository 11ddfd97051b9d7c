"""The before-commit checks (.pre-commit-config.yaml) hold on what is committed:
ruff's lint rules and its formatting, at the version pinned in tests/requirements.txt."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def ruff(*args: str) -> subprocess.CompletedProcess:
	return subprocess.run(
		[sys.executable, "-m", "ruff", *args, str(ROOT)], capture_output=True, text=True, cwd=ROOT
	)


def test_ruff_lint_rules_hold():
	answer = ruff("check", "--no-fix")
	assert answer.returncode == 0, answer.stdout + answer.stderr


def test_code_is_formatted_as_ruff_formats_it():
	answer = ruff("format", "--check")
	assert answer.returncode == 0, answer.stdout + answer.stderr
