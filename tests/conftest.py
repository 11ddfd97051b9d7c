"""pytest's header says where the static checks took Frappe's definitions from."""

import static_checks


def pytest_report_header(config):
	return f"Frappe definitions: {static_checks.FRAPPE.source}"
