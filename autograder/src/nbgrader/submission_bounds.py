"""How much of a submission the course's copies take: its folders at most MAX_DEPTH deep and
MAX_ENTRIES files and folders in all. The hub's collect refuses a submission past them
(hub/course_exchange.py); nbgrader's autograde leaves out, with a warning, what lies past them
(shallow_file_walk.py), with nbgrader's own bounds on bytes (CourseDirectory.max_file_size for a
file, max_dir_size for all of them)."""

# a folder 1200 deep stopped the hub's copy with a RecursionError that ended the collection of the
# whole class (and nbgrader's own copy fails at 600)
MAX_DEPTH = 40
# 50,000 empty files (no bytes to count) were copied three times over by each collect
MAX_ENTRIES = 2000
