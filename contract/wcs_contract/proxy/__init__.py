"""`wcs-contract proxy`: forward WCS's hooks to a backend untouched, check and record them.

`app` forwards (byte-exact, never waiting on anything but the backend); `checker` judges each
exchange with the library's contract and answer checks; observers (`recorder`, `stats`, the log
line) receive every finished Exchange through one small interface; `runner` listens.
"""
