"""Put the repository root on sys.path so ``perf_budget.forms`` imports without Frappe."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
