"""Gives renamed students' gradebook records to their new names (scripts/hub/renamed-course.mjs runs it at a start).

    python renamed_gradebook.py <gradebook.db> <old name>=<new name> ...

nbgrader keeps a student's id in two of its tables: `student` (her row) and `submitted_assignment` (each of her
submissions); her notebooks, grades and comments hang below a submission by its own id. Her row is given the new
id and her submissions follow it, every rename in one transaction: all of it or nothing. Where both names have
submissions, the rename is refused (exit 3, naming the new name's assignments, nothing changed): two people's work
is not merged. A new name's row without submissions (a start enrolled it) takes the old row's names and e-mail where it
has none. Prints {<old name>: <submissions moved>, or null where the old name has no row}.
"""
import json
import sqlite3
import sys

REFUSED = 3


def rename(connection, columns, old, new):
    """Moves `old`'s row and submissions to `new`; the count moved, None for no row, or a refusal (a str)."""
    old_row = connection.execute("SELECT * FROM student WHERE id = ?", (old,)).fetchone()
    if old_row is None:
        return None
    (hers,) = connection.execute("SELECT COUNT(*) FROM submitted_assignment WHERE student_id = ?", (old,)).fetchone()
    theirs = hers and [  # a row of the old name without submissions (a start enrolled it) merges no work
        name
        for (name,) in connection.execute(
            "SELECT assignment.name FROM submitted_assignment JOIN assignment ON assignment.id = submitted_assignment.assignment_id "
            "WHERE submitted_assignment.student_id = ? ORDER BY assignment.name",
            (new,),
        )
    ]
    if theirs:
        return f"{new} has submissions in the gradebook already ({', '.join(theirs)})"
    old_values = dict(zip(columns, old_row))
    new_row = connection.execute("SELECT * FROM student WHERE id = ?", (new,)).fetchone()
    if new_row is None:
        values = {**old_values, "id": new}
        connection.execute(f"INSERT INTO student ({', '.join(values)}) VALUES ({', '.join('?' for _ in values)})", list(values.values()))
    else:
        new_values = dict(zip(columns, new_row))
        missing = {name: value for name, value in old_values.items() if name != "id" and value is not None and new_values[name] is None}
        if missing:
            connection.execute(f"UPDATE student SET {', '.join(f'{name} = ?' for name in missing)} WHERE id = ?", [*missing.values(), new])
    moved = connection.execute("UPDATE submitted_assignment SET student_id = ? WHERE student_id = ?", (new, old)).rowcount
    connection.execute("DELETE FROM student WHERE id = ?", (old,))
    return moved


def main():
    db_file, pairs = sys.argv[1], [pair.split("=", 1) for pair in sys.argv[2:]]
    # isolation_level None: the one transaction is BEGIN IMMEDIATE's, held from the first read to the commit
    connection = sqlite3.connect(db_file, isolation_level=None, timeout=30)
    try:
        connection.execute("BEGIN IMMEDIATE")
        columns = [row[1] for row in connection.execute("PRAGMA table_info(student)")]
        moved = {old: rename(connection, columns, old, new) for old, new in pairs}
        refusals = [why for why in moved.values() if isinstance(why, str)]
        if refusals:
            connection.execute("ROLLBACK")
            print("; ".join(refusals), file=sys.stderr)
            return REFUSED
        connection.execute("COMMIT")
    finally:
        connection.close()
    print(json.dumps(moved))
    return 0


sys.exit(main())
