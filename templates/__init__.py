"""The built-in theme of via-reports: Jinja templates, CSS and fonts (package data).

A theme folder of your own can replace any of these files by holding one of the
same name; the rest comes from here.
"""
