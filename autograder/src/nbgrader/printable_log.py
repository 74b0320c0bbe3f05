"""nbgrader's log reaches the instructor's terminal as text: what a terminal would act on is written as an escape.

nbgrader names a submission's files and folders in its log as they are ("Skipping unknown notebook: <path>",
"Copying <path> -> ...", an error's traceback), and the hub's submit takes any UTF-8 name: a notebook named
with a terminal's escape sequences and a carriage return cleared the instructor's terminal, as she ran
`nbgrader autograde` there, and wrote a line of its own over nbgrader's. The console's handler of every
nbgrader command that loads the course's configuration (nbgrader_config.py) writes control characters,
line separators and bidirectional controls as `\\u001b`, as `npm run autograde`'s console and
autograder/bin/nbgrader-autograde.mjs write them (printableName in src/grade/class-folder.mjs, the same
characters but the line break, which a traceback keeps).
"""
import logging
import re

# src/report/inert-markdown.mjs's NOT_ON_ONE_LINE, but "\n"
_UNPRINTABLE = re.compile("[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text):
    return _UNPRINTABLE.sub(lambda match: "\\u%04x" % ord(match.group()), text)


class PrintableRecords(logging.Filter):
    """Makes a record's message, and its traceback, printable (the record is formatted here, once)."""

    def filter(self, record):
        try:
            message = record.getMessage()
        except Exception:  # a record whose arguments do not fit its message: logging reports it as it would
            return True
        record.msg, record.args = printable(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = printable(logging.Formatter().formatException(record.exc_info))
        return True
