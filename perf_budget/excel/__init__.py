"""The official Excel forms (SPEC §5), plain Python on openpyxl with no Frappe import.

One module per form writes it as the Ministry prints it and reads it back by
its captions: ``goal_form`` (项目支出绩效目标申报表, 财预〔2015〕88号),
``monitoring_form`` (项目支出绩效目标执行监控表, 财预〔2019〕136号) and
``evaluation_form`` (项目支出绩效自评表, 财预〔2020〕10号), and the
department-wide ``department_goal_form``, ``department_monitoring_form`` and
``department_evaluation_form`` (their shared parts in ``department``). ``sheet`` finds
captions on a worksheet, ``official`` holds what the three forms share,
``values`` reads values as people type them, ``upload`` opens an upload
safely, ``layout`` keeps the errors, styles and text helpers, ``vocabulary``
the Chinese words of stored values.

``read_form(kind, data, filename)`` is the one entry point of the imports.
"""

from collections.abc import Mapping


def read_form(kind: str, data: bytes, filename: str = "", synonyms: Mapping | None = None):
	"""The records on an uploaded workbook of ``kind`` ("goal", "monitoring", "evaluation", or
	"department_" + one of them) and every error.

	-> (records, errors): no record at all when there is any error (a file
	with any error writes nothing). ``synonyms`` are the everyday words for
	qualitative results (Perf Budget Settings); None means the defaults.
	"""
	from perf_budget.excel import (
		department_evaluation_form,
		department_goal_form,
		department_monitoring_form,
		evaluation_form,
		goal_form,
		monitoring_form,
	)

	readers = {
		"goal": goal_form.import_goals,
		"monitoring": monitoring_form.import_monitorings,
		"evaluation": evaluation_form.import_evaluations,
		"department_goal": department_goal_form.import_goals,
		"department_monitoring": department_monitoring_form.import_monitorings,
		"department_evaluation": department_evaluation_form.import_evaluations,
	}
	if kind not in readers:
		raise ValueError(f"unknown form kind {kind!r}; one of {', '.join(readers)}")
	return readers[kind](data, filename, synonyms)
