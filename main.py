"""PressDesk: start the desktop application, or run one command-line command.

python main.py                  # the GUI on the default SQLite database
python main.py --db URL ...     # another database (or set PRESSDESK_DB)
python main.py contacts --json  # a command; `python main.py --help` lists them
"""

import sys

if __name__ == "__main__":
    from cli.startup import start_helpers_early

    start_helpers_early(sys.argv[1:])  # before the imports of the command line, below
    from cli.main import run

    sys.exit(run(sys.argv[1:]))
