"""The text layer: sentences, word tokens and stopwords, language, instruction-like sentences.

Shared by ingest, extraction, question answering and the UI. It imports nothing of qa_app but
the schemas and the package data files.
"""
