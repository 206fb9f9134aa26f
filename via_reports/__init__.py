"""via-reports: the ViA policy overview (Veiligheid in afhankelijkheidsrelaties) from
one Excel workbook, as Word, PDF and HTML.

The Python API lives in `via_reports.api`; the command line in `via_reports.cli`.
"""

__version__ = "0.1.0"
