"""The data layer: tables, sessions, migrations, search. Qt-free by rule (tests check it)."""
