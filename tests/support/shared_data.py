"""What a test script does when ../shared (data kept beside the repository)
is absent: skip, with ctest's skip code 77 and a message, unless CI=true,
when the absence is a failure (exit 1)."""
import os
import sys


def absent(msg):
    """Prints why and returns the exit code for a missing piece of shared data."""
    if os.environ.get("CI") == "true":
        print(f"FAIL: {msg} (CI=true)", file=sys.stderr)
        return 1
    print(f"SKIP: {msg}", file=sys.stderr)
    return 77
