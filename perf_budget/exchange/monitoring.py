"""项目支出绩效运行监控表 in and out: one record, or a unit's whole round in one
workbook; importing a filled form recomputes the lights (SPEC 4.3)."""

import frappe
from frappe import _
from frappe.utils import flt

from perf_budget.excel import monitoring_form, read_form
from perf_budget.exchange import readable_docs, round_record, send_workbook, uploaded_file
from perf_budget.exchange.goals import export_stamp
from perf_budget.exchange.round_forms import fill_rows, import_round_forms, project_filters
from perf_budget.settings import result_synonyms

MONEY_KEYS = tuple(monitoring_form.MONEY_KEYS.values())
TEXT_KEYS = ("goal_progress", "money_deviation_reason", "money_likelihood", "money_remarks")
ROW_KEYS = tuple(
	key
	for key in monitoring_form.INDICATOR_KEYS
	if key not in ("level1", "level2", "indicator_name", "operator", "target_value", "target_text", "unit")
)


def monitoring_record(doc) -> dict:
	record = round_record(doc, monitoring_form.RECORD_KEYS, monitoring_form.INDICATOR_KEYS)
	return record | export_stamp(doc)


def monitoring_workbook(names: list[str]) -> bytes:
	docs = readable_docs("Performance Monitoring", names)
	return monitoring_form.export_monitorings([monitoring_record(doc) for doc in docs])


@frappe.whitelist()
@frappe.read_only()
def export_monitoring(name: str):
	doc = frappe.get_doc("Performance Monitoring", name)
	send_workbook(
		monitoring_workbook([name]), f"{doc.project_code}-1-{doc.period_end_month}月绩效运行监控表.xlsx"
	)


@frappe.whitelist()
@frappe.read_only()
def export_round(performance_year: str, period_end_month: int, budget_unit: str | None = None):
	"""A unit's (or, for finance, everybody's) whole round in one workbook."""
	filters = {
		"performance_year": performance_year,
		"period_end_month": int(period_end_month),
		"docstatus": ["<", 2],
	}
	if budget_unit:
		filters["budget_unit"] = budget_unit
	names = frappe.get_list(
		"Performance Monitoring", filters=filters, pluck="name", order_by="budget_unit, project_code"
	)
	send_workbook(monitoring_workbook(names), f"{performance_year}-1-{period_end_month}月绩效运行监控表.xlsx")


@frappe.whitelist(methods=["POST"])
def import_monitoring_file(file_url: str) -> dict:
	return import_monitorings(*uploaded_file(file_url))


def import_monitorings(data: bytes, filename: str = "") -> dict:
	"""Fill monitoring records from filled forms, every sheet or none."""
	records, errors = read_form("monitoring", data or b"", filename, result_synonyms())
	docs = import_round_forms(
		"Performance Monitoring",
		records,
		errors,
		keys=lambda record: project_filters(
			record, performance_year=record["performance_year"], period_end_month=record["period_end_month"]
		),
		fill=fill,
		missing_message=_(
			"Project {0} has no monitoring record of this round in {1}; the finance section opens the round first"
		),
	)
	return {
		"updated": [doc.name for doc in docs],
		"warning_levels": {doc.name: doc.warning_level for doc in docs},
	}


def fill(doc, record: dict) -> None:
	# a money cell left blank stays blank (the form's 全年预计执行数 may be empty), never 0
	doc.update({key: None if record.get(key) is None else flt(record[key], 2) for key in MONEY_KEYS})
	doc.update({key: record.get(key) for key in TEXT_KEYS})
	fill_rows(doc, record, ROW_KEYS)
