"""Upgrading a version 1 database to version 2 in place (used by ``schema.migrate``).

Version 1 kept one ``contacts`` row per contact phone (name, phone text, e-mail), the
service's own phones as rows with no name or e-mail, and the first location only in the
flat columns of ``services``. Version 2 keeps contacts, phones and locations in tables of
their own; this moves what version 1 had into them and leaves the other new tables empty.
"""

from __future__ import annotations

import re
import sqlite3
from itertools import groupby

from desktop.data import schema

_PHONE_TEXT = re.compile(
    r"^(?:(?P<label>[^:]*[^\d\s:][^:]*): )?(?P<number>.*?)(?: ext\. (?P<ext>\d+))?$"
)


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";\n") if s.strip()]


def parse_phone_text(text: str) -> tuple[str, str, str]:
    """'Youth line: 0121 496 0123 ext. 303' (records.Phone.text) → (label, number, extension)."""
    match = _PHONE_TEXT.match(text.strip())
    if match is None:  # the pattern matches any text; kept for the type checker
        return "", text.strip(), ""
    return match["label"] or "", match["number"].strip(), match["ext"] or ""


def upgrade_v1(conn: sqlite3.Connection) -> None:
    """Reshape a version 1 file inside one transaction; the caller rebuilds FTS and stamps it.

    On any error the transaction is rolled back and the file is left as version 1.
    """
    from desktop.data import phones

    conn.commit()
    conn.execute("BEGIN")
    try:
        for column in schema.SERVICES_V2_COLUMNS:
            conn.execute(f"ALTER TABLE services ADD COLUMN {column}")
        conn.execute("ALTER TABLE contacts RENAME TO contacts_v1")
        for statement in _statements(schema.CHILD_DDL):
            conn.execute(statement)
        contacts: list[tuple[int, int, str, str, str]] = []
        phone_rows: list[tuple[object, ...]] = []
        rows = conn.execute(
            "SELECT service_rid, name, phone, email FROM contacts_v1 ORDER BY service_rid, pos"
        )
        for rid, group in groupby(rows, key=lambda r: r[0]):
            owners: dict[tuple[str, str], int] = {}
            n_phones = 0
            for _rid, name, phone, email in group:
                contact_pos = None
                if name or email:
                    contact_pos = owners.get((name, email))
                    if contact_pos is None:
                        contact_pos = owners[(name, email)] = len(owners)
                        contacts.append((rid, contact_pos, name, "", email))
                if phone:
                    label, number, ext = parse_phone_text(phone)
                    phone_rows.append(
                        (rid, n_phones, contact_pos, None, number, phones.e164(number), ext, label)
                    )
                    n_phones += 1
        conn.executemany(
            "INSERT INTO contacts (service_rid, pos, name, title, email) VALUES (?, ?, ?, ?, ?)",
            contacts,
        )
        conn.executemany(
            "INSERT INTO phones (service_rid, pos, contact_pos, location_pos, number, tel, "
            "extension, label) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            phone_rows,
        )
        # Version 1 kept the first location flat: it becomes that service's one location.
        conn.execute(
            "INSERT INTO locations (service_rid, pos, address, postcode, district, latitude, "
            "longitude) SELECT rid, 0, address, postcode, "
            "CASE WHEN instr(postcode, ' ') THEN substr(postcode, 1, instr(postcode, ' ') - 1) "
            "ELSE postcode END, latitude, longitude FROM services "
            "WHERE address != '' OR postcode != '' OR latitude IS NOT NULL"
        )
        conn.execute("DROP TABLE contacts_v1")
        conn.execute("DROP TABLE services_fts")
        conn.execute(schema.FTS_DDL.strip().rstrip(";"))
    except BaseException:
        conn.rollback()
        raise
