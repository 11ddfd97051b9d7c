"""after_install / after_migrate: everything the app needs that is data, not schema.

Every step creates what is missing and leaves existing records alone, so it
is safe on every migrate and never undoes an admin's change.
"""

import json
from pathlib import Path

import frappe

from perf_budget.budget_system.importing import install_default_mapping
from perf_budget.rules.exante import DEFAULT_DIMENSIONS
from perf_budget.setup.desk import apply_to_users, ensure_staff_profile
from perf_budget.workflow import install_workflows

INDICATOR_LIBRARY = Path(__file__).parent / "indicator_library.json"


def after_install():
	ensure_roles()
	after_migrate()


def after_migrate():
	ensure_roles()
	ensure_settings()
	install_workflows()
	seed_indicator_library()
	install_default_mapping()
	ensure_staff_profile()
	apply_to_users()


def ensure_roles():
	"""Roles are fixtures too; creating them here lets the workflows (which
	name them) install before Frappe syncs fixtures on a fresh install."""
	path = Path(frappe.get_app_path("perf_budget", "fixtures", "role.json"))
	for role in json.loads(path.read_text(encoding="utf-8")):
		if not frappe.db.exists("Role", role["name"]):
			frappe.get_doc(role).insert(ignore_permissions=True)


def ensure_settings():
	"""Store the national defaults once, so reports and SQL see real values; the
	default ex-ante assessment dimensions once (a site older than them has none)."""
	# (frappe.db.exists cannot look into Singles, which has no name column: it always said no)
	stored = bool(frappe.db.get_singles_dict("Perf Budget Settings"))
	settings = frappe.get_doc("Perf Budget Settings")  # the stored values, or the defaults when none are
	if stored and settings.exante_dimensions:
		return
	for dimension, weight, guide in DEFAULT_DIMENSIONS:
		settings.append(
			"exante_dimensions", {"dimension": dimension, "weight": weight, "scoring_guide": guide}
		)
	settings.save(ignore_permissions=True)


def seed_indicator_library():
	"""The starter library of common indicators (Chinese), added once per name."""
	existing = set(frappe.get_all("Indicator Template", pluck="indicator_name"))
	for row in json.loads(INDICATOR_LIBRARY.read_text(encoding="utf-8")):
		if row["indicator_name"] not in existing:
			frappe.get_doc({"doctype": "Indicator Template", "is_common": 1, **row}).insert(
				ignore_permissions=True
			)
