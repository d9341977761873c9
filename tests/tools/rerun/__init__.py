"""The reliability review's 251 cases, re-run through the real ``send-desk`` (issue 11 item 4).

``python -m tests.tools.attack_rerun`` runs them; ``core`` holds the case registry and the
verdicts, ``env`` the scratch folder, users, mounts and limits each case runs with, and
the ``c_*`` modules the cases themselves, grouped as the review grouped them.
"""
