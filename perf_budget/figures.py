"""Figures as the desk shows them: the print formats' Jinja filters (hooks.jinja)
and report columns for scores, following perf_budget/rules/figures.py."""

from perf_budget.rules import figures
from perf_budget.settings import get_rules


def pb_amount(value) -> str:
	"""万元 with two decimals: "1,909.50"; "—" when missing."""
	return figures.amount(value)


def pb_rate(value) -> str:
	"""A rate: "45.00%"; "—" when missing."""
	return figures.rate(value)


def pb_score(value) -> str:
	"""A score or 分值 at the precision set in Perf Budget Settings: "86.50"."""
	return figures.score(value, get_rules().score_precision)


def summary_item(value, label: str, shown=figures.amount, indicator: str = "Blue") -> dict:
	"""A figure above a report's table. Frappe formats a summary Float without
	precision ("2,050" for 2,050.00, "86.333"), so it gets the text as shown:
	"2,050.00", "93.15%", "—"."""
	return {"value": shown(value), "label": label, "datatype": "Data", "indicator": indicator}


def amount_column(fieldname: str, label: str) -> dict:
	"""A report column of 万元 with two decimals."""
	return {"fieldname": fieldname, "label": label, "fieldtype": "Float", "precision": 2, "width": 130}


def score_column(fieldname: str, label: str, width: int) -> dict:
	"""A report column of one record's scores, shown at the set precision (86.50,
	86.5 or 87). Frappe shows a Float of precision 0 with the site's default
	decimals, so whole-number scores are an Int column."""
	precision = get_rules().score_precision
	if not precision:
		return {"fieldname": fieldname, "label": label, "fieldtype": "Int", "width": width}
	return {
		"fieldname": fieldname,
		"label": label,
		"fieldtype": "Float",
		"precision": precision,
		"width": width,
	}
