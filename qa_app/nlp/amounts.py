"""Sums of money in English, Indonesian and Malay text ("US$3 million", "5 juta dolar AS", "Rp 2 miliar")."""

from __future__ import annotations

import re

AMOUNT_RX = re.compile(r"(US\$|\$|€|£|¥|\bRp\.?\s?\d|\b(USD|EUR|IDR|MYR|SGD|rupiah|dollars?|dolar|euros?|ringgit|yuan|"
                       r"yen|pounds?)\b|\d[\d.,]*\s*(billion|million|trillion|miliar|milyar|juta|triliun|bn|m)\b)",
                       re.IGNORECASE)

# "1.5 million metric tons", "2 juta wisatawan": a large number of things counted, not of money
_COUNTED_AFTER = re.compile(r"\s*(?:to\s+\d[\d.,]*\s*\w+\s+)?(?:metric\s+|cubic\s+|square\s+)?(?:tons?|tonnes?|barrels?|"
                            r"people|persons|troops|soldiers|tourists|visitors|doses|units|hectares?|km|kilometres?|"
                            r"kilometers?|miles|metres?|meters?|ton|orang|wisatawan|pengunjung|dosis|unit|hektare|barel|"
                            r"tan|pelancong)\b", re.IGNORECASE)


def names_money(text: str) -> bool:
    """Does the text name a sum of money (not a large count of tons or people)?"""
    return any(m.group(3) is None or not _COUNTED_AFTER.match(text, m.end()) for m in AMOUNT_RX.finditer(text))
