"""The official Excel forms (SPEC §5), plain Python on openpyxl with no Frappe import.

``layout`` is the engine (one layout per form, used to write and to read),
``vocabulary`` the Chinese words of stored values, ``goal_form`` the
项目支出绩效目标申报表.
"""
