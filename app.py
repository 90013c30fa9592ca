"""Followthrough: does following up move a job application to the next stage?

The router only: page config, the shared sidebar, navigation (the Workshop and
Presentation pages are listed when the data holds two or more participants). Run with
``python -m streamlit run app.py`` (demo data), or ``python -m streamlit run app.py --
~/jobs.xlsx`` to open that file and offer Save (a timestamped backup is kept beside it).

Everything runs under ``if __name__ == "__main__":`` and the imports are inside ``main``:
Streamlit runs this file as ``__main__``, and every reader worker (``data.sandbox``, started
while this script runs) executes the main module again as ``__mp_main__`` before it reads a
file. Guarded, that costs the worker nothing; unguarded, each upload's worker imported
Streamlit and rendered the demo's whole first page before reading the upload.
"""

import os
import sys


def main() -> None:
    """Page config, the sidebar and the navigation for one run of the app."""
    import streamlit as st

    from ui.navigation import app_pages, take_the_menu

    take_the_menu()  # before the imports below (0.3 s on a server's first run)

    from ui.components import favicon
    from ui.sidebar import render_sidebar
    from ui.state import open_start_file

    # The tab icon is drawn locally: a Material-icon favicon (also the default for a page
    # with a Material icon) would be fetched from fonts.gstatic.com, an external request.
    st.set_page_config(page_title="Followthrough", page_icon=favicon(), layout="wide")

    # started on a file: python -m streamlit run app.py -- ~/jobs.xlsx (Save writes back to
    # it); sys.argv is the script and its arguments under `streamlit run` (only then is it read)
    open_start_file(sys.argv[1:] if os.path.basename(sys.argv[0]) == "app.py" else [])
    view = render_sidebar()
    workshop = view is not None and len(view.participants) > 1  # the coach's pages too
    st.navigation(app_pages(workshop)).run()


if __name__ == "__main__":
    main()
