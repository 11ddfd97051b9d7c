"""The national budget-performance rules as plain Python (no Frappe import).

Scoring (财预〔2020〕10号), monitoring lights (财预〔2019〕136号), goal quality
(财预〔2015〕88号, 财预〔2021〕101号) and results application (bureau measures,
arts. 24–26). Every function takes plain values and an optional ``Rules``
(``parameters.Rules``); ``None`` means the national defaults.
"""
