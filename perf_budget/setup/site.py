"""Make a site ready to use the way the bureau works (SPEC §7).

Run by the setup command on the demo site (not on install: installing the
app into an existing ERPNext site must not change its language or clock):
    bench --site perf.localhost execute perf_budget.setup.site.prepare_site
"""

import frappe


def prepare_site(language: str = "zh"):
	settings = frappe.get_single("System Settings")
	settings.update(
		{
			"language": language,
			"time_zone": "Asia/Shanghai",
			"country": "China",
			"currency": "CNY",
			"date_format": "yyyy-mm-dd",
			"time_format": "HH:mm:ss",
			"number_format": "#,###.##",
			"float_precision": "3",
			"currency_precision": "2",
			"first_day_of_the_week": "Monday",
			"setup_complete": 1,
		}
	)
	settings.flags.ignore_mandatory = True
	settings.save(ignore_permissions=True)
	frappe.db.set_default("currency", "CNY")
	frappe.db.set_default("lang", language)
	mark_setup_complete()
	frappe.db.set_value("User", "Administrator", "language", language)
	frappe.db.commit()


def mark_setup_complete():
	"""Frappe 15 keeps the wizard's state in System Settings; 16 per installed app."""
	if frappe.db.has_column("Installed Application", "is_setup_complete"):
		frappe.db.set_value(
			"Installed Application", {"app_name": ["in", frappe.get_installed_apps()]}, "is_setup_complete", 1
		)
	frappe.db.set_single_value("System Settings", "setup_complete", 1)
	frappe.db.set_default("desktop:home_page", "workspace")
