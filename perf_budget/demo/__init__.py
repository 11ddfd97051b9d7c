"""Demo bureau for trying the app and for the browser tests.

    bench --site perf.localhost execute perf_budget.demo.make

Idempotent: running it again adds only what is missing. Every demo user's
password is ``DEMO_PASSWORD`` (README).
"""

import frappe

from perf_budget.demo import budget_system
from perf_budget.demo.bureau import make_bureau
from perf_budget.demo.department import make_department
from perf_budget.demo.department_results import make_department_results
from perf_budget.demo.evaluations import make_evaluations
from perf_budget.demo.exante import make_exante
from perf_budget.demo.experts import make_experts
from perf_budget.demo.external import make_external
from perf_budget.demo.goals import make_goals
from perf_budget.demo.monitoring import make_monitoring
from perf_budget.demo.policy import make_policy
from perf_budget.demo.procedure import make_procedure
from perf_budget.demo.reports import make_reports
from perf_budget.demo.results import make_results


def make():
	frappe.flags.in_demo = True
	# `bench execute` runs in English; the demo's app-written texts (rectification problems,
	# advice reasons, notifications) are written in the site's language, as its people would see them
	frappe.local.lang = frappe.db.get_default("lang") or frappe.local.lang
	make_bureau()
	make_goals()
	make_department()  # department-wide goals of 2026 (confirmed) and 2027 (every state), the bureau's own
	make_monitoring()
	make_evaluations()
	make_procedure()  # art. 22 on a self-evaluation still with its unit
	make_experts()
	make_results()
	make_external()
	make_policy()
	make_department_results()  # after the department goals: their 2026 monitoring and self-evaluations
	make_exante()  # ex-ante assessments of new 2027 goals: supported, not supported, awaiting finance
	budget_system.make()  # the budget system's 1–7月 export, applied: after every demo step on the records
	make_reports()  # after the results and external evaluations: the reports' figures are taken from them
	frappe.db.commit()
	print("perf_budget demo data is ready.")
