"""Sums of money in English, Indonesian and Malay text ("US$3 million", "5 juta dolar AS", "Rp 2 miliar")."""

from __future__ import annotations

import re

AMOUNT_RX = re.compile(r"(US\$|\$|€|£|¥|\bRp\.?\s?\d|\b(USD|EUR|IDR|MYR|SGD|rupiah|dollars?|dolar|euros?|ringgit|yuan|"
                       r"yen|pounds?)\b|\d[\d.,]*\s*(billion|million|trillion|miliar|milyar|juta|triliun|bn|m)\b)",
                       re.IGNORECASE)
