"""The Gradio web UI (`qa-app ui`): chat with cited answers, records, timeline, articles, status.

Only `app` imports gradio, and only when the UI is built. `html`, `tables`, `timeline` and
`security` are plain Python, tested without a browser.
"""
