"""An outline (``writing/outline.py``) written as a Word document with
python-docx: A4, the title centred in 宋体 (bold), the text in 仿宋 — set
for East Asian text (w:eastAsia), which Word uses for Chinese —, headings
in 黑体/楷体 by level, tables with a repeated bold header row."""

import io

from docx import Document as new_document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from perf_budget.writing.outline import Document, Heading, Paragraph, Table

BODY_FONT = "仿宋"
TITLE_FONT = "宋体"
HEADING_FONTS = {1: "黑体", 2: "楷体"}
BODY_SIZE = Pt(16)  # 三号, as official documents are set
TABLE_SIZE = Pt(10.5)  # 五号


def write_docx(document: Document) -> bytes:
	doc = new_document()
	page(doc)
	font(doc.styles["Normal"], BODY_FONT, BODY_SIZE)
	title = doc.add_paragraph(style="Title")
	title.alignment = WD_ALIGN_PARAGRAPH.CENTER
	font(title.style, TITLE_FONT, Pt(22), bold=True)
	title.add_run(document.title)
	for block in document.blocks:
		if isinstance(block, Heading):
			heading = doc.add_heading(block.text, level=block.level)
			font(heading.style, HEADING_FONTS[block.level], BODY_SIZE, bold=block.level == 1)
		elif isinstance(block, Paragraph):
			paragraph = doc.add_paragraph(block.text)
			paragraph.paragraph_format.first_line_indent = BODY_SIZE * 2
		elif isinstance(block, Table):
			table(doc, block)
	out = io.BytesIO()
	doc.save(out)
	return out.getvalue()


def page(doc) -> None:
	section = doc.sections[0]
	section.orientation = WD_ORIENT.PORTRAIT
	section.page_width, section.page_height = Mm(210), Mm(297)
	section.top_margin, section.bottom_margin = Mm(37), Mm(35)
	section.left_margin, section.right_margin = Mm(28), Mm(26)


def font(style, name: str, size, bold: bool | None = None) -> None:
	style.font.name = name
	style.font.size = size
	style.font.color.rgb = None
	if bold is not None:
		style.font.bold = bold
	east_asian(style.element, name)


def east_asian(element, name: str) -> None:
	"""python-docx sets only w:ascii/w:hAnsi; Chinese text takes w:eastAsia."""
	rpr = element.get_or_add_rPr()
	fonts = rpr.find(qn("w:rFonts"))
	if fonts is None:
		fonts = OxmlElement("w:rFonts")
		rpr.insert(0, fonts)
	for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia"):
		fonts.set(qn(attribute), name)


def table(doc, block: Table) -> None:
	caption = doc.add_paragraph()
	caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
	caption.add_run(block.caption).bold = True
	grid = doc.add_table(rows=1 + len(block.rows), cols=len(block.header))
	grid.style = "Table Grid"
	grid.alignment = WD_TABLE_ALIGNMENT.CENTER
	header = grid.rows[0]
	repeat_header(header)
	for cell, text in zip(header.cells, block.header, strict=True):
		fill(cell, text, bold=True)
	for row, values in zip(grid.rows[1:], block.rows, strict=True):
		for cell, text in zip(row.cells, values, strict=True):
			fill(cell, text)


def fill(cell, text: str, bold: bool = False) -> None:
	paragraph = cell.paragraphs[0]
	paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
	run = paragraph.add_run(text)
	run.bold = bold
	run.font.size = TABLE_SIZE
	run.font.name = BODY_FONT
	east_asian(run._element, BODY_FONT)


def repeat_header(row) -> None:
	"""The header row is repeated on every page a long table runs over."""
	properties = row._tr.get_or_add_trPr()
	marker = OxmlElement("w:tblHeader")
	marker.set(qn("w:val"), "true")
	properties.append(marker)
