"""What the tests share: how examples run (harness), the built site
(static_site), the Markdown scanner (markdown), and the run's own checks
(leaks, tiers). Paths and commands come from tools/project.py."""
