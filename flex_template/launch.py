"""What the Dataflow Flex Template launcher runs (FLEX_TEMPLATE_PYTHON_PY_FILE in the
Dockerfile): newsbeam, detached, on Dataflow. It lives outside the ``pipeline``
package because the launcher runs it as a script, and a script's folder goes first on
``sys.path``."""

import sys

from pipeline.flex_template import launcher_argv
from pipeline.main import main

if __name__ == "__main__":
    sys.exit(main(launcher_argv(sys.argv[1:])))
