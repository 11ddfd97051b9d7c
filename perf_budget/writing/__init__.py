"""The written reports of arts. 17 and 23 as Word documents: ``outline``
lays out the document (headings, paragraphs, tables, in the usual order)
from the figures and finance's texts, without Frappe; ``docx`` writes the
outline with python-docx. The Frappe side (figures from the reports, the
snapshot, the download) is ``perf_budget/exchange/written_reports.py``."""
