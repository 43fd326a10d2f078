"""A schemathesis check run with another partnership's token (issue 8): no response may name
a record only the first partnership holds. CONDUIT_FOREIGN_IDS names a file of those ids."""
import os

import schemathesis

FOREIGN = {line.strip().lower() for line in open(os.environ["CONDUIT_FOREIGN_IDS"]) if line.strip()}


@schemathesis.check
def nothing_of_another_partnership(ctx, response, case):
    # A downloaded file (a PNG of the library) is bytes, not text: read what text it has.
    text = response.content.decode("utf-8", "replace").lower()
    leaked = sorted(record for record in FOREIGN if record in text)
    if leaked:
        raise AssertionError(f"{case.method} {case.formatted_path} answered with {len(leaked)} records of another partnership, e.g. {leaked[0]}")
