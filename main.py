"""PressDesk: start the desktop application, or run one command-line command.

python main.py                  # the GUI on the default SQLite database
python main.py --db URL ...     # another database (or set PRESSDESK_DB)
python main.py contacts --json  # a command; `python main.py --help` lists them
"""

import sys

from cli.main import run

if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
