"""The benchmark system: measure, record with provenance, check freshness.

Modules, each one concept, imports running one way (top to bottom):

    __main__    command line: progress display, budgets, then tools.render
    run         one benchmark -> one Record (discovery, provenance, kind)
    kinds/      how each kind of benchmark measures (the code that takes samples)
    measure     timers, the capacity probe, the interleaved round schedule
    results     the results format: typed records, schema, self-hash, freshness
    provenance  machine, Python build, packages, git
    sources     which files a benchmark's results depend on, and their hashes
    stats       pure statistics (medians, paired ratios, fits, percentiles)

Summaries are never stored: tools.render computes them from the raw samples
every time, so a change to the statistics shows up as a re-render.
"""
